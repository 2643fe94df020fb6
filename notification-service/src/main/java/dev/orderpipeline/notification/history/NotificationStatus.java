package dev.orderpipeline.notification.history;

/** The states of a notification row (see V2__email_delivery.sql). */
enum NotificationStatus {

	PENDING, SENDING, SENT, FAILED, NO_RECIPIENT

}
