package io.kizuna.ui.fakes;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasskeyService;
import java.util.List;
import org.springframework.stereotype.Component;

/** No passkeys; every registration response is refused (the real checks live in command-side). */
@Component
public class FakePasskeys implements PasskeyService {
    @Override
    public String registrationOptions(MemberId memberId) {
        return "{\"challenge\":\"AAAA\",\"rp\":{\"id\":\"localhost\",\"name\":\"Kizuna\"}}";
    }

    @Override
    public boolean register(MemberId memberId, String registrationResponseJson) {
        return false;
    }

    @Override
    public List<Passkey> list(MemberId memberId) {
        return List.of();
    }

    @Override
    public boolean remove(MemberId memberId, String credentialId) {
        return false;
    }
}
