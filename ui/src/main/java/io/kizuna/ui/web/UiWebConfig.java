package io.kizuna.ui.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Language resolution and the interceptors that every page goes through. */
@Configuration(proxyBeanMethods = false)
public class UiWebConfig implements WebMvcConfigurer {

    private final CsrfTokens csrfTokens;

    public UiWebConfig(CsrfTokens csrfTokens) {
        this.csrfTokens = csrfTokens;
    }

    /** Named {@code localeResolver}: the DispatcherServlet looks it up by that name. */
    @Bean
    public LocaleResolver localeResolver(UiCookies cookies) {
        return Languages.resolver(cookies.secure());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(Languages.changeInterceptor());
        registry.addInterceptor(new PageHeaders());
        registry.addInterceptor(new CsrfProtection(csrfTokens));
    }
}
