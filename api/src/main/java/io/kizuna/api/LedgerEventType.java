package io.kizuna.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable, public name of a ledger event: a dotted name ending in a past-tense verb
 * ({@code grant.refresh_token.rotated}). It is what the integration stream publishes, so a Java
 * refactoring (class or package rename) never changes what consumers see.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LedgerEventType {
    String value();
}
