/**
 * The runtime's own database tables, registered with the service's Flyway.
 */
package dev.orderpipeline.consumer.schema;
