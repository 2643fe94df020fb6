package dev.orderpipeline.infra.auth;

import java.util.List;

/**
 * A registered OAuth2 client that gets tokens with the client credentials grant (a
 * scraper, a job). Its tokens carry {@code sub} = the client id, no tenant and no email.
 */
public record MachineClient(String clientId, String clientSecret, List<String> roles) {

	public MachineClient {
		roles = List.copyOf(roles);
	}

}
