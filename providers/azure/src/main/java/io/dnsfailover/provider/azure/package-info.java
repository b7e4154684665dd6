/**
 * The {@code azure} provider: records kept in Azure DNS through Azure Resource Manager.
 *
 * <p>What the engine and users can rely on:
 *
 * <ul>
 *   <li>Config: {@code type: azure}, {@code subscriptionId} and {@code resourceGroup} (required),
 *       {@code environment} ({@code AzureCloud} default, {@code AzureChinaCloud}, {@code
 *       AzureUSGovernment}), {@code endpoint} (an https Resource Manager URL). The Azure zone is
 *       the config zone's name without its trailing dot.
 *   <li>Credentials: {@code DefaultAzureCredential}; the narrowest built-in role that works is "DNS
 *       Zone Contributor" on the zone.
 *   <li>One paged listing per zone per reconcile; one PUT or DELETE per changed record set, with
 *       {@code If-Match} / {@code If-None-Match: *}. Azure has no multi-record-set transaction, so
 *       a failure part-way names the changes applied and those not applied.
 *   <li>Throttling (429) and server errors are retried inside the call, at most 3 times, waiting
 *       what Azure's {@code Retry-After} asks for up to 8 s. When Azure asks for longer, the call
 *       fails at once as TRANSIENT and the message says how long Azure asked to wait; the daemon
 *       tries again on its next cycle.
 *   <li>TXT values are raw text, stored as strings of at most 255 bytes. CNAME targets are stored
 *       without the trailing dot.
 *   <li>No native weights: weighted record sets are published as plain multi-value answers. Alias
 *       record sets at a managed name are refused (INVALID), never rewritten.
 * </ul>
 */
package io.dnsfailover.provider.azure;
