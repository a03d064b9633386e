package org.gatehouse.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gatehouse on a Payara Micro of its own, as an administrator starts it: for what Arquillian cannot
 * show, such as a deployment that must fail, or two nodes on one database. Loopback only, like the ITs.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /**
     * Payara Micro 6's own boot sometimes loses a race in HK2 (a {@code ConcurrentModificationException} in
     * {@code SystemDescriptor.invokeInstanceListeners}) and exits before it deploys anything: seen once in CI, in
     * {@code DatabasesIT}. Such a boot is started once more; any other exit is the test's outcome.
     */
    private static final List<String> PAYARA_BOOT_RACE = List.of("java.util.ConcurrentModificationException",
            "org.jvnet.hk2.internal.SystemDescriptor.invokeInstanceListeners", "Server failed to start");

    private final ProcessBuilder builder;
    private Process process;
    private final Path log;
    public final int port;
    private boolean restarted;

    private PayaraMicroProcess(ProcessBuilder builder, Path log, int port) throws IOException {
        this.builder = builder;
        this.process = builder.start();
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a node shaped as production is: its issuer is its own URL ({@code gatehouse.issuer-uri}, unless
     * {@code systemProperties} set one), not its callers' {@code Host} header.
     *
     * @param systemProperties {@code -D} options (MicroProfile Config for Gatehouse)
     * @param extraArguments further Payara Micro options; a {@code --prebootcommandfile} among them replaces
     *                       {@code server-config/pre-boot-commands.asadmin}, whose settings it must include
     */
    public static PayaraMicroProcess start(String name, int port, Map<String, String> systemProperties,
            Map<String, String> environment, List<String> extraArguments) {
        var command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-Dhazelcast.socket.bind.any=false"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!systemProperties.containsKey("gatehouse.issuer-uri")) {
            command.add("-Dgatehouse.issuer-uri=http://localhost:" + port);
        }
        command.addAll(List.of("-jar", "target/payara-micro.jar", "--deploy", GatehouseWar.FILE.getPath(),
                "--contextroot", "/", "--port", Integer.toString(port), "--nohazelcast", "--disablephonehome"));
        if (!extraArguments.contains("--prebootcommandfile")) { // one of its own must keep the loopback settings
            command.addAll(List.of("--prebootcommandfile", "server-config/pre-boot-commands.asadmin"));
        }
        command.addAll(extraArguments);
        try {
            Path log = Files.createDirectories(Path.of("target/it-logs")).resolve(name + ".log");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new PayaraMicroProcess(builder, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for Payara Micro's "ready" line, which it prints whether or not the deployment worked. */
    public PayaraMicroProcess awaitReady(Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (!log().contains(") ready in ")) {
            if (!process.isAlive() && !restarted && PAYARA_BOOT_RACE.stream().allMatch(log()::contains)) {
                restartAfterBootRace();
                continue;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited:\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Payara Micro not ready after " + timeout + ":\n" + log());
            }
            sleep();
        }
        return this;
    }

    private void restartAfterBootRace() {
        restarted = true;
        try {
            Files.move(log, log.resolveSibling(log.getFileName() + ".boot-race"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("Payara Micro lost its HK2 boot race (" + log.getFileName() + ".boot-race): starting it once more");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
