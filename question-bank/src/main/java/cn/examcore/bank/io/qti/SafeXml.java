package cn.examcore.bank.io.qti;

import cn.examcore.bank.report.Rule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * A hardened XML parser for uploaded QTI files and manifests. A DOCTYPE is refused outright: with no DTD there can
 * be no entity declarations, so neither external entities (XXE: reading local files, fetching URLs) nor nested
 * entity expansion (billion laughs) is possible. No schema, DTD or XInclude is ever fetched.
 *
 * <p>One instance per import: the factory is built once, the builder reused for each file of a package.
 */
final class SafeXml {

    /** The document was refused; {@link #rule} is {@link Rule#UNSAFE_XML} or {@link Rule#MALFORMED}. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        final Rule rule;

        Rejected(Rule rule, String message) {
            super(message);
            this.rule = rule;
        }
    }

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private final DocumentBuilder builder;

    SafeXml() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setIgnoringComments(true);
            factory.setCoalescing(true);
            builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(new FailOnError());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    Document parse(byte[] content) throws Rejected {
        try {
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            if (declaresDoctype(content)) {
                throw new Rejected(Rule.UNSAFE_XML, "the document declares a DOCTYPE (line " + e.getLineNumber()
                        + "); DTDs and entity declarations are refused because they allow reading server files (XXE)"
                        + " and entity-expansion attacks; remove the <!DOCTYPE …> declaration");
            }
            throw new Rejected(Rule.MALFORMED, "not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException e) {
            throw new Rejected(Rule.MALFORMED, "not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new Rejected(Rule.MALFORMED, "the XML cannot be read: " + e.getMessage());
        } finally {
            builder.reset();
        }
    }

    /**
     * Tells a refused DOCTYPE from other parse errors without relying on the parser's (localised) message: a second
     * SAX pass stops at the DOCTYPE's start, before any of its declarations could be read, let alone expanded.
     */
    private static boolean declaresDoctype(byte[] content) {
        final class DoctypeFound extends SAXException {
            private static final long serialVersionUID = 1L;

        }
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            DefaultHandler2 handler = new DefaultHandler2() {
                @Override
                public void startDTD(String name, String publicId, String systemId) throws SAXException {
                    throw new DoctypeFound();
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            };
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            reader.parse(new InputSource(new ByteArrayInputStream(content)));
            return false;
        } catch (DoctypeFound found) {
            return true;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return false;
        }
    }

    /** Turns every error into an exception instead of the default printing to stderr. */
    private static final class FailOnError implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // warnings (e.g. an unknown encoding alias) do not make a document unsafe or unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
