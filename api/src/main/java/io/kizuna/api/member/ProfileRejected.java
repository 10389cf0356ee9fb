package io.kizuna.api.member;

import io.kizuna.api.LedgerRejection;
import java.util.List;

/**
 * A profile edit refused because one or more fields are invalid; {@code problems} names each field (the form's
 * field name, e.g. {@code birthdate}) with a stable problem code (e.g. {@code invalid_birthdate}). The rejection's
 * own code is the first problem's, so callers that know one code at a time keep working.
 */
public class ProfileRejected extends LedgerRejection {
    private final transient List<FieldProblem> problems;

    public ProfileRejected(List<FieldProblem> problems) {
        super(problems.get(0).code(), "the profile has invalid fields: "
                + String.join(", ", problems.stream().map(FieldProblem::field).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public record FieldProblem(String field, String code) {
    }
}
