package io.k3j.ssh;

/** Whether an upload changed the file on the host, or found it already as wanted. */
public enum UploadResult { WRITTEN, UNCHANGED }
