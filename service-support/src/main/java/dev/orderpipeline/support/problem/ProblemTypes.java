package dev.orderpipeline.support.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Stable problem type URIs (RFC 9457). Clients branch on these, never on titles or
 * details, so they never change once published. A service names its own types with
 * {@link #of(String)}.
 */
public final class ProblemTypes {

	public static final String BASE = "https://errors.orderpipeline.dev/";

	public static final URI VALIDATION = of("validation");

	public static final URI MALFORMED_REQUEST = of("malformed-request");

	public static final URI NOT_FOUND = of("not-found");

	public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

	public static final URI NOT_ACCEPTABLE = of("not-acceptable");

	public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

	public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");

	public static final URI CONFLICT = of("conflict");

	public static final URI RATE_LIMITED = of("rate-limited");

	public static final URI UNAUTHORIZED = of("unauthorized");

	public static final URI FORBIDDEN = of("forbidden");

	public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

	public static final URI INTERNAL_ERROR = of("internal-error");

	public static final URI HTTP_ERROR = of("http-error");

	private ProblemTypes() {
	}

	/** A problem type of this pipeline, such as {@code insufficient-stock}. */
	public static URI of(String name) {
		return URI.create(BASE + name);
	}

	/** The type of a problem that has no more specific one. */
	public static URI forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> RATE_LIMITED;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> (status >= 500) ? INTERNAL_ERROR : HTTP_ERROR;
		};
	}

	/** The reason phrase of a status, as the title of a problem that has no other. */
	public static String titleOf(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
