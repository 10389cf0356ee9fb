package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistrationService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The ledger's registration rules, reduced to what the page must translate. */
@Component
public class FakeMemberRegistrations implements MemberRegistrationService {

    public static final String TAKEN_EMAIL = "taken@example.jp";

    public record Recorded(String email, String password, String name, String locale, String registeredVia) {
    }

    public final List<Recorded> registrations = new CopyOnWriteArrayList<>();

    public void reset() {
        registrations.clear();
    }

    @Override
    public MemberId register(Registration registration) {
        String password = new String(registration.password());
        if (registration.email() == null || !registration.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new LedgerRejection("invalid_email", "a valid e-mail address is required");
        }
        if (password.length() < 10 || password.length() > 256) {
            throw new LedgerRejection("weak_password", "the password must be 10 to 256 characters long");
        }
        if ("password1234".equals(password)) {
            throw new LedgerRejection("common_password", "this password is among the most common ones");
        }
        if (registration.name() == null || registration.name().isBlank() || registration.name().length() > 200) {
            throw new LedgerRejection("invalid_name", "a name of 1 to 200 characters is required");
        }
        if (TAKEN_EMAIL.equals(registration.email())) {
            throw new LedgerRejection("login_taken", "this e-mail address is already registered");
        }
        if ("Mallory".equals(registration.name())) {
            throw new LedgerRejection("something_new", "a rule the page does not know yet");
        }
        registrations.add(new Recorded(registration.email(), password, registration.name(), registration.locale(),
                registration.registeredVia()));
        return MemberId.generate();
    }
}
