package dev.orderpipeline.orders.web;

/**
 * A customer token without a tenant (or subject): the identity provider is misconfigured.
 * Refused rather than defaulted, so that such a token can never reach the orders of
 * tenant {@code default}.
 */
public class CallerWithoutTenantException extends RuntimeException {

	public CallerWithoutTenantException() {
		super("The access token names no tenant or no subject; orders need both.");
	}

}
