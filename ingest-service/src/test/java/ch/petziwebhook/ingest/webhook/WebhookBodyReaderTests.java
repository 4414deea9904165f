package ch.petziwebhook.ingest.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import ch.petziwebhook.ingest.system.WebhookProperties;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookBodyReaderTests {

	private static final int LIMIT = 16;

	private final WebhookBodyReader reader = new WebhookBodyReader(new WebhookProperties(List.of("secret"),
			Duration.ofSeconds(300), DataSize.ofBytes(LIMIT), Duration.ofSeconds(10)));

	@Test
	void rejectsDeclaredLengthWithoutReading() {
		MockHttpServletRequest request = new UnreadableRequest(LIMIT + 1);

		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> this.reader.read(request))
			.withMessage("Body of 17 bytes (Content-Length) is over the limit of 16 bytes");
	}

	@Test
	void rejectsUndeclaredLengthOverLimit() {
		MockHttpServletRequest request = new ChunkedRequest(new byte[LIMIT + 1]);

		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> this.reader.read(request))
			.withMessage("Body is over the limit of 16 bytes");
	}

	@Test
	void readsUndeclaredLengthAtLimit() throws IOException {
		byte[] body = "0123456789abcdef".getBytes();

		assertThat(this.reader.read(new ChunkedRequest(body))).isEqualTo(body);
	}

	@Test
	void readsBodyBytesUnchanged() throws IOException {
		byte[] body = { '{', (byte) 0xC3, (byte) 0xA9, '}', '\r', '\n' };
		MockHttpServletRequest request = jsonRequest(body);

		assertThat(this.reader.read(request)).isEqualTo(body);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "APPLICATION/JSON", "application/json;charset=utf-8",
			"application/problem+json", "application/vnd.petzi.v2+json" })
	void acceptsJsonContentType(String contentType) throws IOException {
		MockHttpServletRequest request = jsonRequest(new byte[] { '{', '}' });
		request.setContentType(contentType);

		assertThat(this.reader.read(request)).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/json", "application/jsonp", "application/xml", "*/*", "application/*", ";;;", " " })
	void rejectsOtherContentType(String contentType) {
		MockHttpServletRequest request = jsonRequest(new byte[] { '{', '}' });
		request.setContentType(contentType);

		assertThatExceptionOfType(UnsupportedContentTypeException.class).isThrownBy(() -> this.reader.read(request));
	}

	@Test
	void rejectsMissingContentType() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook");
		request.setContent(new byte[] { '{', '}' });

		assertThatExceptionOfType(UnsupportedContentTypeException.class).isThrownBy(() -> this.reader.read(request))
			.withMessage("Missing Content-Type, expected application/json");
	}

	@Test
	void masksControlCharactersInMessage() {
		MockHttpServletRequest request = jsonRequest(new byte[] { '{', '}' });
		request.setContentType("text/plain\u0007");

		assertThatExceptionOfType(UnsupportedContentTypeException.class).isThrownBy(() -> this.reader.read(request))
			.withMessageContaining("text/plain?");
	}

	private static MockHttpServletRequest jsonRequest(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook");
		request.setContentType("application/json");
		request.setContent(body);
		return request;
	}

	/**
	 * Request that declares a length and fails the test if its body is read.
	 */
	private static final class UnreadableRequest extends MockHttpServletRequest {

		private final long declaredLength;

		UnreadableRequest(long declaredLength) {
			super("POST", "/webhook");
			setContentType("application/json");
			this.declaredLength = declaredLength;
		}

		@Override
		public long getContentLengthLong() {
			return this.declaredLength;
		}

		@Override
		public ServletInputStream getInputStream() {
			throw new AssertionError("Body must not be read when Content-Length is over the limit");
		}

	}

	/**
	 * Request without a declared length, as with chunked transfer encoding.
	 */
	private static final class ChunkedRequest extends MockHttpServletRequest {

		ChunkedRequest(byte[] body) {
			super("POST", "/webhook");
			setContentType("application/json");
			setContent(body);
		}

		@Override
		public int getContentLength() {
			return -1;
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

	}

}
