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
    public boolean update(MemberId memberId, String name, String email, String phoneNumber, String address) {
        if ("taken@example.jp".equals(email)) {
            throw new LedgerRejection("email_taken", "taken");
        }
        if (phoneNumber != null && phoneNumber.contains("x")) {
            throw new LedgerRejection("invalid_phone", "digits");
        }
        boolean changed = !email.equals(profile.email());
        profile = new PersonalData(email, !changed, name, "ja", phoneNumber, address);
        return changed;
    }
}
