package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.ProfileService;
import org.springframework.stereotype.Component;

/** One profile; the address taken@example.jp belongs to someone else. */
@Component
public class FakeProfiles implements ProfileService {
    public volatile PersonalData profile = new PersonalData("hanako@example.jp", true, "山田 花子", "ja");

    @Override
    public PersonalData current(MemberId memberId) {
        return profile;
    }

    @Override
    public boolean update(MemberId memberId, ProfileChange change) {
        String email = change.email();
        String phoneNumber = change.phoneNumber();
        if ("taken@example.jp".equals(email)) {
            throw new LedgerRejection("email_taken", "taken");
        }
        if (phoneNumber != null && phoneNumber.contains("x")) {
            throw new LedgerRejection("invalid_phone", "digits");
        }
        boolean changed = !email.equals(profile.email());
        if (change.claims() != null && "2999-01-01".equals(change.claims().birthdate())) {
            throw new io.kizuna.api.member.ProfileRejected(java.util.List.of(
                    new io.kizuna.api.member.ProfileRejected.FieldProblem("birthdate", "invalid_birthdate"),
                    new io.kizuna.api.member.ProfileRejected.FieldProblem("website", "invalid_url")));
        }
        profile = new PersonalData(email, !changed, change.name(), change.locale() == null ? "ja" : change.locale(),
                phoneNumber, change.address(), change.claims() == null ? profile.standard() : change.claims());
        return changed;
    }
}
