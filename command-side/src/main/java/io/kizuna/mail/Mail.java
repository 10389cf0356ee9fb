package io.kizuna.mail;

import io.kizuna.api.member.MemberId;

/** A plain-text mail to one recipient; {@code memberId} (may be null) ties it to the member it concerns. */
public record Mail(MemberId memberId, String to, String subject, String body) {
}
