package io.kizuna.signingkey;

import io.kizuna.crypto.MasterKey;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key-encryption scheme (replace the bean to plug in a KMS) and the signing-key settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeyProperties.class)
public class SigningKeyConfiguration {

    @Bean
    @ConditionalOnMissingBean(KeyEncryption.class)
    KeyEncryption masterKeyEncryption(MasterKey masterKey) {
        return new MasterKeyEncryption(masterKey);
    }
}
