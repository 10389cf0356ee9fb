package io.kizuna.api.member;

/**
 * Registration for the sign-up page and the registration API. Hashes the password, seals personal
 * data and dispatches {@link RegisterMemberCommand}; refuses a login that is already taken.
 */
public interface MemberRegistrationService {

    MemberId register(Registration registration);

    record Registration(String email, char[] password, String name, String locale, String registeredVia) {
    }
}
