package io.kizuna.member;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistrationService;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Member self-registration over JSON: {@code 201} with the new member id, or a 400 with a stable error code. */
@RestController
public class MemberRegistrationApi {
    private final MemberRegistrationService registrations;

    public MemberRegistrationApi(MemberRegistrationService registrations) {
        this.registrations = registrations;
    }

    @PostMapping(path = "/api/members", consumes = "application/json")
    public ResponseEntity<Map<String, String>> register(@RequestBody RegistrationRequest request) {
        MemberId id = registrations.register(new MemberRegistrationService.Registration(request.email(),
                request.password() == null ? null : request.password().toCharArray(), request.name(),
                request.locale(), request.registered_via()));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(Map.of("member_id", id.value()));
    }

    public record RegistrationRequest(String email, String password, String name, String locale,
                                      String registered_via) {
    }
}
