package dev.portafunc.platform.web;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.DigestFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link Digest} as HTML, Markdown or plain text when the caller's {@code Accept} asks for one; JSON stays the
 * default because this converter comes after the JSON one.
 */
final class DigestHttpMessageConverter extends AbstractHttpMessageConverter<Digest> {

    DigestHttpMessageConverter() {
        super(StandardCharsets.UTF_8, mediaTypes());
    }

    private static MediaType[] mediaTypes() {
        List<DigestFormat> formats = DigestFormat.all();
        return formats.stream()
                .map(f -> new MediaType(MediaType.parseMediaType(f.mediaType()), StandardCharsets.UTF_8))
                .toArray(MediaType[]::new);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Digest.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Digest readInternal(Class<? extends Digest> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A digest is output only", input);
    }

    @Override
    protected void writeInternal(Digest digest, HttpOutputMessage output) throws IOException {
        MediaType type = output.getHeaders().getContentType();
        String mediaType = type == null ? "text/html" : type.getType() + "/" + type.getSubtype();
        DigestFormat format = DigestFormat.forMediaType(mediaType).orElseThrow();
        output.getBody().write(format.render(digest).getBytes(StandardCharsets.UTF_8));
    }
}
