package dev.orderpipeline.localrun;
