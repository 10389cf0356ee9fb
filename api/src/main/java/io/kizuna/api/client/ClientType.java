package io.kizuna.api.client;

/** RFC 6749 §2.1 client types. */
public enum ClientType {
    CONFIDENTIAL, PUBLIC
}
