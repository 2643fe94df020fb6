package dev.orderpipeline.support.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies. A declared Content-Length over the limit is refused before
 * anything is read; a chunked body is counted while it is read and fails as soon as it
 * passes the limit, so no request can make the service buffer an unbounded body. The
 * limit is {@code pipeline.http.max-body-size}.
 */
class RequestBodySizeLimit extends OncePerRequestFilter {

	private final long limit;

	private final JsonMapper json;

	RequestBodySizeLimit(HttpEdgeProperties properties, JsonMapper json) {
		this.limit = properties.maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			rejectTooLarge(request, response);
			return;
		}
		chain.doFilter((declared < 0) ? new CountingRequest(request, this.limit) : request, response);
	}

	private void rejectTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.PAYLOAD_TOO_LARGE.toString());
		problem.put("title", "Payload too large");
		problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
		problem.put("detail", "The request body exceeds " + this.limit + " bytes.");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// The body is not read; closing the connection stops the client from sending it.
		response.setHeader("Connection", "close");
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

	private static final class CountingRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		CountingRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class CountingInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		CountingInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next >= 0) {
				counted(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int bytes) throws RequestBodyTooLargeException {
			this.count += bytes;
			if (this.count > this.limit) {
				throw new RequestBodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
