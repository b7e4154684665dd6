/**
 * Fakes of health's interfaces that tests script: {@link
 * io.dnsfailover.health.testing.ScriptedChecker} and {@link
 * io.dnsfailover.health.testing.ScriptedCheckerFactory}.
 *
 * <p>They are test code of the health module, shipped as its test-jar (classifier {@code tests},
 * this package only), because health's own tests need them and health's tests depend on {@code
 * testkit}: in testkit, which would have to depend on health for {@link
 * io.dnsfailover.health.Checker}, they made a cycle. Engine, cluster and cli tests take them with
 * {@code <type>test-jar</type>} in test scope.
 */
package io.dnsfailover.health.testing;
