package io.kizuna.session;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.EndSessionCommand;
import io.kizuna.api.session.SessionService;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.grant.GrantLookup;
import io.kizuna.ledger.LedgerCommands;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends sessions: this browser's, one from the account console's list, or every one of the member. Ending a
 * session also ends the grants made in it, as {@code kizuna.sessions.sign-out-ends-grants} says:
 * {@code online} (default) the grants without {@code offline_access} — OIDC Core §11 keeps offline access
 * alive after sign-out, everything else belongs to the session; {@code all} every grant made in the session;
 * {@code none} no grant. Each such grant records {@code grant.revoked} with reason {@code session_ended}.
 */
@Service
public class SignOut implements SessionService {
    private final BrowserSessions sessions;
    private final LedgerCommands commands;
    private final GrantLookup grants;
    private final EndsGrants endsGrants;
    private final io.kizuna.protocol.oidc.logout.FrontChannelLogout frontChannel;

    /** What ending a session does to the grants made in it. */
    public enum EndsGrants { NONE, ONLINE, ALL }

    public SignOut(BrowserSessions sessions, LedgerCommands commands, GrantLookup grants,
                   @Value("${kizuna.sessions.sign-out-ends-grants:online}") String endsGrants,
                   io.kizuna.protocol.oidc.logout.FrontChannelLogout frontChannel) {
        this.frontChannel = frontChannel;
        this.sessions = sessions;
        this.commands = commands;
        this.grants = grants;
        this.endsGrants = EndsGrants.valueOf(endsGrants.strip().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    @Transactional
    public boolean signOut(String sessionCookieValue) {
        return sessions.find(sessionCookieValue)
                .map(s -> end(new MemberId(s.memberId()), s.sessionId(), "signed_out"))
                .orElse(false);
    }

    /** Ends the session behind this cookie value with {@code reason} (e.g. {@code rp_initiated_logout}). */
    @Transactional
    public boolean signOut(String sessionCookieValue, String reason) {
        return sessions.find(sessionCookieValue)
                .map(s -> end(new MemberId(s.memberId()), s.sessionId(), reason))
                .orElse(false);
    }

    @Override
    @Transactional
    public boolean end(MemberId memberId, String sessionId) {
        if (sessionId == null || sessionId.length() > 64 || !sessions.liveSessionIds(memberId).contains(sessionId)) {
            return false;
        }
        return end(memberId, sessionId, "ended_from_account");
    }

    /** OIDC Front-Channel Logout 1.0 §4 (see {@link io.kizuna.protocol.oidc.logout.FrontChannelLogout}). */
    @Override
    public java.util.List<io.kizuna.api.session.FrontChannelLogoutFrame> frontChannelLogout(String sessionId) {
        return frontChannel.frames(sessionId);
    }

    /** The id of the live session behind this cookie value, if any (its {@code sid}). */
    public java.util.Optional<String> sessionIdOf(String sessionCookieValue) {
        return sessions.find(sessionCookieValue).map(s -> s.sessionId());
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
        if (!Boolean.TRUE.equals(commands.send(new EndSessionCommand(sessionId, memberId, reason)))) {
            return false;
        }
        if (endsGrants != EndsGrants.NONE) {
            for (String grantId : grants.grantsOfSession(sessionId, endsGrants == EndsGrants.ALL)) {
                commands.send(new RevokeGrantCommand(new GrantId(grantId), null, "session_ended"));
            }
        }
        return true;
    }
}
