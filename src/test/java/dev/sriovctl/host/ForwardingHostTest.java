package dev.sriovctl.host;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingHostTest {

    @Test
    void everyAbstractHostMethodAndPauseReachTheDelegateWhileOriginsKeepTheDefaults() throws Exception {
        List<String> calls = new ArrayList<>();
        Host recorder = (Host) Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class}, (proxy, m, args) -> {
            calls.add(m.getName());
            Class<?> t = m.getReturnType();
            if (t == Optional.class) return Optional.empty();
            if (t == List.class) return List.of();
            if (t == boolean.class) return true;
            if (t == String.class) return "delegate";
            return null;
        });
        Host host = new ForwardingHost(recorder) { };
        List<String> expected = new ArrayList<>();
        for (Method m : Host.class.getMethods()) {
            if (m.isDefault() && !m.getName().equals("pause") || Modifier.isStatic(m.getModifiers())) continue;
            if (m.getName().equals("run") && m.getParameterCount() == 1) continue;
            expected.add(m.getName());
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == String.class ? "/x" : types[i] == List.class ? List.of("true")
                        : types[i] == Duration.class ? Duration.ZERO : types[i] == byte[].class ? new byte[0] : 0;
            }
            m.invoke(host, args);
        }

        assertThat(calls).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(host.originOf(List.of("ip", "link"))).isEqualTo("ip link");
        assertThat(host.originOfFile("/proc/cmdline")).isEqualTo("/proc/cmdline");
    }
}
