package io.kizuna.api.mail;

import java.time.Instant;

/** A mail kept in the local outbox of the embedded default (demo only: it holds the address in plaintext). */
public record OutboxMail(long id, String recipient, String subject, String body, Instant sentAt) {
}
