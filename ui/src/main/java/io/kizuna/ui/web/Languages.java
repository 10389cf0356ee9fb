package io.kizuna.ui.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The languages of the pages: Japanese and English. The browser's Accept-Language picks one (English
 * when it asks for neither); {@code ?lang=ja|en} overrides it and is remembered in {@value #COOKIE}.
 * Anything else (a tampered cookie, {@code ?lang=de}) is ignored, so {@code <html lang>} always names
 * the language the text is actually in.
 */
public final class Languages {

    public static final String COOKIE = "KIZUNA_LANG";
    public static final String PARAMETER = "lang";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);
    public static final Locale DEFAULT = Locale.ENGLISH;

    private Languages() {
    }

    /** The supported language named by {@code value} ({@code ja}, {@code en}, {@code ja-JP}…). */
    public static Optional<Locale> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(value.strip().replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
    }

    static LocaleResolver resolver(boolean secureCookie) {
        AcceptHeaderLocaleResolver acceptHeader = new AcceptHeaderLocaleResolver();
        acceptHeader.setSupportedLocales(SUPPORTED);
        acceptHeader.setDefaultLocale(DEFAULT);

        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            protected Locale parseLocaleValue(String value) {
                return parse(value).orElse(null);
            }
        };
        resolver.setDefaultLocaleFunction(acceptHeader::resolveLocale);
        resolver.setRejectInvalidCookies(false);
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSecure(secureCookie);
        resolver.setCookieSameSite("Lax");
        resolver.setCookiePath("/");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    static LocaleChangeInterceptor changeInterceptor() {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return parse(value).orElseThrow(() -> new IllegalArgumentException("unsupported language"));
            }
        };
        interceptor.setParamName(PARAMETER);
        interceptor.setHttpMethods("GET", "HEAD");
        interceptor.setIgnoreInvalidLocale(true);
        return interceptor;
    }
}
