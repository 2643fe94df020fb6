package dev.orderpipeline.consumer;
