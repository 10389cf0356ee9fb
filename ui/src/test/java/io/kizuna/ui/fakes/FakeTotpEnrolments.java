package io.kizuna.ui.fakes;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.TotpEnrolmentService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Proposes a fixed secret; code 654321 enrols it. */
@Component
public class FakeTotpEnrolments implements TotpEnrolmentService {
    public static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Override
    public Proposal propose(MemberId memberId) {
        return new Proposal(SECRET, "otpauth://totp/Kizuna:x?secret=" + SECRET, "data:image/png;base64,iVBORw0KGgo=");
    }

    @Override
    public Optional<List<String>> confirm(MemberId memberId, String secret, String code) {
        return SECRET.equals(secret) && "654321".equals(code) ? Optional.of(List.of("aaaa-bbbb-cccc-dddd"))
                : Optional.empty();
    }

    @Override
    public boolean enrolled(MemberId memberId) {
        return false;
    }

    @Override
    public Optional<List<String>> regenerateRecoveryCodes(MemberId memberId) {
        return Optional.empty();
    }

    @Override
    public int remainingRecoveryCodes(MemberId memberId) {
        return 0;
    }
}
