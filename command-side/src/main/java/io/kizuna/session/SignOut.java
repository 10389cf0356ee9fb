package io.kizuna.session;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.EndSessionCommand;
import io.kizuna.api.session.SessionService;
import io.kizuna.ledger.LedgerCommands;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ends sessions: this browser's, one from the account console's list, or every one of the member. */
@Service
public class SignOut implements SessionService {
    private final BrowserSessions sessions;
    private final LedgerCommands commands;

    public SignOut(BrowserSessions sessions, LedgerCommands commands) {
        this.sessions = sessions;
        this.commands = commands;
    }

    @Override
    public boolean signOut(String sessionCookieValue) {
        return sessions.find(sessionCookieValue)
                .map(s -> end(new MemberId(s.memberId()), s.sessionId(), "signed_out"))
                .orElse(false);
    }

    @Override
    public boolean end(MemberId memberId, String sessionId) {
        if (sessionId == null || sessionId.length() > 64 || !sessions.liveSessionIds(memberId).contains(sessionId)) {
            return false;
        }
        return end(memberId, sessionId, "ended_from_account");
    }

    @Override
    @Transactional
    public int endAll(MemberId memberId) {
        int ended = 0;
        for (String sessionId : sessions.liveSessionIds(memberId)) {
            if (end(memberId, sessionId, "signed_out_everywhere")) {
                ended++;
            }
        }
        return ended;
    }

    /** Every session of the member but {@code keep} (null: all of them), e.g. after a password change. */
    @Transactional
    public int endOthers(MemberId memberId, String keep, String reason) {
        int ended = 0;
        for (String sessionId : sessions.liveSessionIds(memberId)) {
            if (!sessionId.equals(keep) && end(memberId, sessionId, reason)) {
                ended++;
            }
        }
        return ended;
    }

    private boolean end(MemberId memberId, String sessionId, String reason) {
        return Boolean.TRUE.equals(commands.send(new EndSessionCommand(sessionId, memberId, reason)));
    }
}
