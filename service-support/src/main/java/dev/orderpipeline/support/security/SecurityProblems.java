package dev.orderpipeline.support.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import dev.orderpipeline.support.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the RFC 9457 problem documents of refused requests. The texts are fixed: a
 * refusal never echoes why a token failed to verify (key ids, parser messages, claim
 * values).
 */
final class SecurityProblems {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String TYPE_BASE = ProblemTypes.BASE;

	private SecurityProblems() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status);
		response.setContentType(PROBLEM_JSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String body = "{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\",\"instance\":\"" + jsonEscape(request.getRequestURI()) + "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	static String jsonEscape(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&') {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
