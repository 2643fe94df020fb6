-- One database per service, as in the local run.
create database orders;
create database notifications;
create database analytics;
create database search;
