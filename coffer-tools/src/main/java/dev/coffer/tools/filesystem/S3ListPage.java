package dev.coffer.tools.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One page of a ListObjectsV2 answer: the objects on it and the token of the next page (null on the last page).
 * Listings don't carry content types, so each file's type is {@code application/octet-stream}.
 */
record S3ListPage(List<FileInfo> files, String nextToken) {

    /** Reads the XML answer; external entities and DTDs are refused. */
    static S3ListPage parse(InputStream xml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(xml);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable S3 listing: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        List<FileInfo> files = new ArrayList<>();
        NodeList contents = root.getElementsByTagName("Contents");
        for (int i = 0; i < contents.getLength(); i++) {
            Element c = (Element) contents.item(i);
            String key = text(c, "Key");
            String size = text(c, "Size");
            String modified = text(c, "LastModified");
            files.add(new FileInfo(key, size.isEmpty() ? 0 : Long.parseLong(size),
                    modified.isEmpty() ? Instant.EPOCH : Instant.parse(modified), MimeTypes.OCTET_STREAM));
        }
        boolean truncated = "true".equalsIgnoreCase(text(root, "IsTruncated"));
        String token = text(root, "NextContinuationToken");
        return new S3ListPage(files, truncated && !token.isEmpty() ? token : null);
    }

    /** The text of the first direct child element with the name, or {@code ""}. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name.equals(e.getLocalName()) || name.equals(e.getTagName()))) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }
}
