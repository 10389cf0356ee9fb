package io.kizuna.ui.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page controller whose forms end, after a chain of redirects, at a client's redirect URI
 * (sign-in → consent → client, consent → client). Its pages get a Content-Security-Policy without
 * {@code form-action}; see {@link SecurityHeadersFilter#CSP_CLIENT_REDIRECTING_FORMS}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClientRedirectingForms {
}
