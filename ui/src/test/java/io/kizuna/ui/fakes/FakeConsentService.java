package io.kizuna.ui.fakes;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.ConsentService;
import io.kizuna.api.member.MemberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Remembers every revocation asked for. */
@Component
public class FakeConsentService implements ConsentService {
    public final List<String> revoked = new CopyOnWriteArrayList<>();

    @Override
    public boolean revoke(MemberId memberId, ClientId clientId) {
        revoked.add(memberId.value() + "/" + clientId.value());
        return true;
    }
}
