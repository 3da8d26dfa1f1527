"""A real SAML 2.0 identity provider for the tests: pysaml2's IdP (saml2.server.Server, signing with xmlsec1),
served by werkzeug on a free port. It answers our AuthnRequests (HTTP-Redirect) with a signed response posted
to our ACS, starts IdP-initiated sign-ins like a corporate portal, and can hand out an unsigned response."""

from __future__ import annotations

import datetime
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

import werkzeug.serving
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256
from werkzeug.wrappers import Request, Response


def _key_pair(directory: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test-idp")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / "idp.key", directory / "idp.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@dataclass
class SamlIdp:
    server: werkzeug.serving.BaseWSGIServer
    directory: Path
    key_path: Path
    cert_path: Path
    users: dict = field(default_factory=dict)
    sp_metadata: dict = field(default_factory=dict)  # our entity id -> metadata XML
    unsigned: bool = False
    idp: Server | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.server.server_port}"

    @property
    def entity_id(self) -> str:
        return f"{self.url}/metadata"

    def trust_sp(self, metadata_xml: str) -> None:
        """Load our SP metadata (as the IdP's admin would paste it) and rebuild the IdP with it."""
        path = self.directory / f"sp-{len(self.sp_metadata)}.xml"
        path.write_text(metadata_xml)
        self.sp_metadata[str(path)] = metadata_xml
        self.idp = Server(config=self._config())

    def _config(self) -> IdPConfig:
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "key_file": str(self.key_path),
                "cert_file": str(self.cert_path),
                "metadata": {"local": list(self.sp_metadata)},
                "service": {
                    "idp": {
                        "endpoints": {"single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)]},
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 5},
                                "attribute_restrictions": None,
                                "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
                            }
                        },
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "want_authn_requests_signed": False,
                    }
                },
            }
        )
        return config

    def metadata_xml(self) -> str:
        return str(entity_descriptor(self._config()))

    def response_form(
        self, *, user: str, sp_entity_id: str, acs_url: str, in_response_to: str | None, relay_state: str = ""
    ) -> str:
        """The auto-posting HTML form that carries the signed response to our ACS."""
        identity = self.users[user]
        response = self.idp.create_authn_response(
            identity=identity,
            in_response_to=in_response_to,
            destination=acs_url,
            sp_entity_id=sp_entity_id,
            userid=identity["mail"][0],
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_response=not self.unsigned,
            sign_assertion=not self.unsigned,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        binding = self.idp.apply_binding(
            BINDING_HTTP_POST, str(response), acs_url, relay_state, response=True
        )
        return binding["data"]


def start_saml_idp() -> SamlIdp:
    directory = Path(tempfile.mkdtemp(prefix="saml-idp-"))
    key_path, cert_path = _key_pair(directory)
    holder: dict = {}

    @Request.application
    def app(request: Request) -> Response:
        idp: SamlIdp = holder["idp"]
        if request.path == "/metadata":
            return Response(idp.metadata_xml(), content_type="application/samlmetadata+xml")
        if request.path == "/sso":  # our AuthnRequest, HTTP-Redirect binding; the form asks who signs in
            if request.method == "GET":
                return Response(
                    '<!doctype html><title>Test IdP</title><form method="post">'
                    f'<input type="hidden" name="SAMLRequest" value="{request.args["SAMLRequest"]}">'
                    f'<input type="hidden" name="RelayState" value="{request.args.get("RelayState", "")}">'
                    '<label>User <input name="user"></label><button type="submit">Sign in</button></form>',
                    content_type="text/html",
                )
            parsed = idp.idp.parse_authn_request(request.form["SAMLRequest"], BINDING_HTTP_REDIRECT)
            message = parsed.message
            return Response(
                idp.response_form(
                    user=request.form["user"],
                    sp_entity_id=message.issuer.text,
                    acs_url=message.assertion_consumer_service_url,
                    in_response_to=message.id,
                    relay_state=request.form.get("RelayState", ""),
                ),
                content_type="text/html",
            )
        if request.path == "/portal":  # IdP-initiated: the corporate portal's tile
            query = parse_qs(request.query_string.decode())
            return Response(
                idp.response_form(
                    user=query["user"][0],
                    sp_entity_id=query["sp"][0],
                    acs_url=query["acs"][0],
                    in_response_to=None,
                    relay_state=query.get("next", [""])[0],
                ),
                content_type="text/html",
            )
        return Response("not found", status=404)

    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    idp = SamlIdp(server=server, directory=directory, key_path=key_path, cert_path=cert_path)
    holder["idp"] = idp
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return idp
