package dev.orderpipeline.support.problem;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that never reached a controller (raised by the container or a filter)
 * with a problem document too, instead of Boot's default error body.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// Without an error attribute someone asked for /error directly: there is no such
		// resource.
		int status = (code instanceof Integer value && value >= 400) ? value : 404;
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(ProblemTypes.forStatus(status));
		problem.setTitle(ProblemTypes.titleOf(status));
		problem.setDetail((status >= 500) ? "The request could not be processed." : ProblemTypes.titleOf(status));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/._~-]", "_")));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
