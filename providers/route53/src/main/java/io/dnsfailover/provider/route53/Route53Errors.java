package io.dnsfailover.provider.route53;

import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.ProviderException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;

/**
 * What a failed Route 53 request means: whether to retry it, and which {@link Kind} to report. Also
 * keeps anything that looks like an access key id out of messages.
 */
final class Route53Errors {

  /** Route 53's throttling and "an earlier change to this zone is still being applied". */
  static final Set<String> RETRYABLE_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestLimitExceeded",
          "TooManyRequestsException",
          "PriorRequestNotComplete",
          "ServiceUnavailable",
          "InternalFailure",
          "InternalError");

  static final Set<String> AUTH_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "NotAuthorizedException",
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "InvalidSignatureException",
          "IncompleteSignature",
          "MissingAuthenticationToken",
          "ExpiredToken",
          "ExpiredTokenException",
          "RequestExpired");

  static final Set<String> NOT_FOUND_CODES =
      Set.of("NoSuchHostedZone", "HostedZoneNotFound", "NoSuchChange");

  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{12,}\\b");

  private Route53Errors() {}

  static boolean isRetryable(SdkException failure) {
    if (failure instanceof SdkServiceException service) {
      return service.statusCode() >= 500
          || service.statusCode() == 429
          || service.isThrottlingException()
          || RETRYABLE_CODES.contains(code(failure));
    }
    return failure instanceof SdkClientException && causedByIo(failure);
  }

  /** The error code Route 53 sent ({@code Throttling}, {@code InvalidChangeBatch}...), or "". */
  static String code(SdkException failure) {
    if (failure instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return "";
  }

  /** Route 53's own message, without the SDK's "(Service: ..., Request ID: ...)" suffix. */
  static String message(SdkException failure) {
    if (failure instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorMessage() != null) {
      return aws.awsErrorDetails().errorMessage();
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }

  /**
   * The messages of an {@code InvalidChangeBatch} error, however it came: the SDK's {@link
   * InvalidChangeBatchException}, an {@code <ErrorResponse>} with that code, or the {@code
   * <InvalidChangeBatch><Messages>} document Route 53 sends for change batches, which the SDK does
   * not recognise (it throws a plain {@code Route53Exception} without code or message; the body is
   * kept in {@link software.amazon.awssdk.awscore.exception.AwsErrorDetails#rawResponse()}).
   */
  static Optional<List<String>> invalidChangeBatchMessages(SdkException failure) {
    if (failure instanceof InvalidChangeBatchException invalid && invalid.hasMessages()) {
      return Optional.of(invalid.messages());
    }
    if ("InvalidChangeBatch".equals(code(failure))) {
      return Optional.of(List.of(message(failure)));
    }
    if (!(failure instanceof AwsServiceException aws)
        || aws.awsErrorDetails() == null
        || aws.awsErrorDetails().rawResponse() == null) {
      return Optional.empty();
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      Element root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(aws.awsErrorDetails().rawResponse().asByteArray()))
              .getDocumentElement();
      if (!"InvalidChangeBatch".equals(root.getLocalName())) {
        return Optional.empty();
      }
      NodeList nodes = root.getElementsByTagNameNS("*", "Message");
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        messages.add(nodes.item(i).getTextContent().trim());
      }
      if (messages.isEmpty()) {
        messages.add("(Route 53 sent no message)");
      }
      return Optional.of(List.copyOf(messages));
    } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The kind of a failure that is not (or no longer) retried. */
  static Kind kind(SdkException failure) {
    String code = code(failure);
    if (failure instanceof SdkServiceException service) {
      if (isRetryable(failure)) {
        return Kind.TRANSIENT;
      }
      if (service.statusCode() == 401 || service.statusCode() == 403 || AUTH_CODES.contains(code)) {
        return Kind.AUTH;
      }
      if (service.statusCode() == 404 || NOT_FOUND_CODES.contains(code)) {
        return Kind.NOT_FOUND;
      }
      return Kind.INVALID;
    }
    if (causedByIo(failure)) {
      return Kind.TRANSIENT;
    }
    String text = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("credentials") || text.contains("profile")) {
      return Kind.AUTH;
    }
    return Kind.TRANSIENT;
  }

  /**
   * {@code what: <code>: <message> (HTTP status, request id)} for a failure that is given up on.
   */
  static ProviderException toProviderException(String what, SdkException failure, int attempts) {
    StringBuilder text = new StringBuilder(what).append(": ");
    String code = code(failure);
    if (!code.isEmpty()) {
      text.append(code).append(": ");
    }
    text.append(message(failure));
    if (failure instanceof AwsServiceException aws) {
      text.append(" (HTTP ").append(aws.statusCode());
      if (aws.requestId() != null) {
        text.append(", request id ").append(aws.requestId());
      }
      text.append(')');
    }
    Kind kind = kind(failure);
    if (attempts > 1) {
      text.append("; gave up after ").append(attempts).append(" attempts");
    }
    switch (kind) {
      case AUTH ->
          text.append(
              "; check the credentials (profile, environment, IRSA or instance role) and that"
                  + " their policy allows this call on the hosted zone");
      case TRANSIENT -> text.append("; will be tried again on the next reconcile");
      case NOT_FOUND, CONFLICT, INVALID -> {}
    }
    return new ProviderException(kind, redact(text.toString()), failure);
  }

  static String redact(String text) {
    return ACCESS_KEY_ID.matcher(text).replaceAll("<access key id>");
  }

  private static boolean causedByIo(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    String name = failure.getClass().getSimpleName();
    return name.contains("Timeout");
  }
}
