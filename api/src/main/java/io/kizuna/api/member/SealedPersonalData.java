package io.kizuna.api.member;

/**
 * Personal data as it may appear in the ledger: AES-GCM ciphertext under the member's own data key
 * ({@code keyId}). Destroying that key ("forget member") makes every copy unreadable while the ledger
 * itself stays intact and verifiable (crypto-shredding).
 *
 * @param keyId  identifier of the per-member data key
 * @param sealed base64url of nonce || ciphertext || tag
 */
public record SealedPersonalData(String keyId, String sealed) {
}
