package io.kizuna.ui;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The ui module on its own: its pages, filter and configuration, with the fakes of
 * {@link io.kizuna.ui.fakes} standing in for the command side.
 */
@SpringBootApplication
public class UiTestApplication {
}
