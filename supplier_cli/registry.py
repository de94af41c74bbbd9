"""The field registry: every public profile field, described once.

The onboarding wizard, validation, `profile get/set`, `--json` output and masking
all read this module. A field's key is `section.name`, as in the information
request spec (`company.name`, `address.postal_code`, `identifiers.duns`).
"""

from __future__ import annotations

from dataclasses import dataclass

SIZE_BANDS = (
    "self-employed",
    "2-9",
    "10-49",
    "50-99",
    "100-249",
    "250-499",
    "500-999",
    "1000-5000",
    "5000+",
)
SERVICE_SCOPES = ("regional", "global")
DIVERSITY_REGIONS = ("United States", "outside the US", "none")
MINORITY_TYPES = (
    "Hispanic American",
    "Native American",
    "African American",
    "Asian American",
    "Asian-Indian American",
    "other",
)

STEP_TITLES = {
    1: "Your contact information",
    2: "Tell us about your business",
    3: "Customize your profile",
    4: "Highlight your diversity credentials",
    5: "Upload diversity certificates",
    6: "Identify your product categories",
    7: "Are you connected with a customer?",
    8: "Get certified",
}


@dataclass(frozen=True)
class ShowIf:
    """A field is shown (and may be required) only while `key` holds `value`."""

    key: str
    value: object

    def holds(self, answer: object) -> bool:
        if isinstance(answer, list):
            return self.value in answer
        return answer == self.value


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    step: int
    required: bool = False
    private: bool = False
    options: tuple[str, ...] = ()
    max_items: int = 0
    show_if: ShowIf | None = None
    help: str = ""

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]


def _f(key, label, type_, step, **kw) -> Field:
    return Field(key, label, type_, step, **kw)


CLASSIFICATIONS = (
    ("diversity.woman_owned", "Woman-owned"),
    ("diversity.minority_owned", "Minority-owned"),
    ("diversity.veteran_owned", "Veteran-owned"),
    ("diversity.disabled_owned", "Disability-owned"),
    ("diversity.lgbt_owned", "LGBT-owned"),
    ("diversity.small_business", "Small business"),
)

FIELDS: tuple[Field, ...] = (
    # Step 1: the primary contact.
    _f("contact.first_name", "First name", "text", 1, required=True),
    _f("contact.last_name", "Last name", "text", 1, required=True),
    _f("contact.email", "Email", "email", 1, required=True),
    _f("contact.title", "Job title", "text", 1),
    _f("contact.phone_work", "Work phone", "phone", 1),
    _f("contact.phone_mobile", "Mobile phone", "phone", 1),
    # Step 2: the business.
    _f("company.name", "Legal company name", "text", 2, required=True),
    _f("address.country", "Country", "country", 2, required=True,
       help="ISO 3166 alpha-2 code, such as FR or US"),
    _f("address.street1", "Street", "text", 2),
    _f("address.street2", "Street (second line)", "text", 2),
    _f("address.city", "City", "text", 2),
    _f("address.region", "Region or state", "text", 2),
    _f("address.postal_code", "Postal code", "postal_code", 2),
    _f("company.website", "Website", "url", 2),
    _f("identifiers.tax_id", "Tax ID", "tax_id", 2, private=True,
       help="left empty, a reason for having no tax ID is asked"),
    _f("identifiers.no_tax_id_reason", "Reason for having no tax ID", "text", 2,
       required=True, show_if=ShowIf("identifiers.tax_id", None)),
    _f("identifiers.duns", "DUNS number", "duns", 2, private=True),
    # Step 3: statistics, service areas, purchase orders, policy.
    _f("company.size", "Company size", "choice", 3, options=SIZE_BANDS),
    _f("company.year_established", "Year established", "year", 3),
    _f("company.description", "Full description", "long_text", 3),
    _f("service_areas.scope", "Service areas", "choice", 3, options=SERVICE_SCOPES),
    _f("service_areas.served", "Countries or regions served", "list", 3),
    _f("service_areas.not_served", "Regions not served", "list", 3),
    _f("company.po_email", "PO delivery email", "email", 3,
       help="where purchase orders go"),
    _f("company.corruption_policy", "Has a bribery and corruption policy", "boolean", 3),
    _f("company.corruption_policy_text", "Bribery and corruption policy", "long_text",
       3, required=True, show_if=ShowIf("company.corruption_policy", True)),
    # Step 4: diversity.
    _f("diversity.region", "Diversity region", "choice", 4, options=DIVERSITY_REGIONS),
    *(_f(key, label, "boolean", 4) for key, label in CLASSIFICATIONS),
    _f("diversity.minority_type", "Minority type", "choice", 4, required=True,
       options=MINORITY_TYPES, show_if=ShowIf("diversity.minority_owned", True)),
    # Step 5: diversity certificates (a list of tables, see CERTIFICATE_FIELDS).
    _f("diversity.certificates", "Diversity certificates", "certificates", 5),
    # Step 6: categories.
    _f("company.industry", "Industry", "text", 6),
    _f("categories.categories", "Product and service categories", "list", 6,
       max_items=5),
    _f("categories.products", "Top products or services", "list", 6, max_items=5),
    # Step 7 records customers, not profile fields.
    # Step 8: verification.
    _f("verification.enrolled", "Takes part in a verification programme", "boolean", 8),
    _f("verification.badge_expires", "Verification badge expiry", "date", 8,
       required=True, show_if=ShowIf("verification.enrolled", True)),
)

CERTIFICATE_FIELDS: tuple[Field, ...] = (
    _f("classification", "Classification", "choice", 5, required=True,
       options=tuple(label for _, label in CLASSIFICATIONS)),
    _f("agency", "Certifying agency", "text", 5, required=True),
    _f("number", "Certificate number", "text", 5, required=True),
    _f("issued", "Issue date", "date", 5, required=True),
    _f("expires", "Expiry date", "date", 5, required=True),
    _f("file", "Certificate file", "file", 5, required=True),
)

# Keys the information request spec uses for a field that is kept under another key.
ALIASES = {"categories.industry": "company.industry"}

BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(f.section for f in FIELDS))
ADDRESS_PARTS = ("street1", "street2", "city", "region", "postal_code", "country")
ADDRESS_LABELS = {f.name: f.label for f in FIELDS if f.section == "address"}

# Fields "copy to public profile" may copy (DOMAIN.md, information requests).
COPYABLE = frozenset(
    {
        "company.name",
        "company.industry",
        "company.description",
        "company.website",
        "company.corruption_policy",
        "company.corruption_policy_text",
        "company.po_email",
        "identifiers.duns",
        *(f.key for f in FIELDS if f.section in ("address", "contact")),
    }
)


def lookup(key: str) -> Field:
    """The field for a key (aliases allowed); NotFound names the known sections."""
    from supplier_cli.errors import NotFound

    key = ALIASES.get(key, key)
    if key in BY_KEY:
        return BY_KEY[key]
    section = key.partition(".")[0]
    same = [k for k in BY_KEY if k.partition(".")[0] == section]
    raise NotFound(
        f"There is no profile field '{key}'.",
        hint=f"The keys of {section} are {', '.join(same)}."
        if same
        else f"A key is a section and a field, such as company.name; the sections "
        f"are {', '.join(SECTIONS)}.",
    )


def step_fields(step: int) -> list[Field]:
    return [f for f in FIELDS if f.step == step]

