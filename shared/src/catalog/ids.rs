//! The catalog's identifiers and small enums: measures, departments, parameters, and the
//! words a measure is described in (how it is obtained, its category, its period's basis).

use serde::{Deserialize, Serialize};

use crate::wire::{string_id, wire_enum};

/// An id the catalog declares, held inline so that it is copied like a number: 1 to `$max`
/// lower-case ASCII letters, digits or `$sep`.
macro_rules! inline_id {
    ($(#[$meta:meta])* $name:ident, $max:literal, $sep:literal, $pattern:literal, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(arrayvec::ArrayString<$max>);

        impl $name {
            /// The id, if `id` is one that can be declared.
            pub fn parse(id: &str) -> Option<$name> {
                let well_formed = !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == $sep);
                if !well_formed {
                    return None;
                }
                arrayvec::ArrayString::from(id).ok().map($name)
            }

            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                struct Visit;
                impl serde::de::Visitor<'_> for Visit {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!($what, " id (", $pattern, ")"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::parse(v)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_str(Visit)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some($pattern))
                    .description(Some(concat!($what, " of the catalog in force")))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "pattern": $pattern })
            }
        }
    };
}

inline_id!(
    /// A measure's id, as the catalog declares it (`utility-deferral`).
    MeasureId, 48, b'-', "^[a-z0-9-]{1,48}$", "a measure"
);

inline_id!(
    /// A department's id, as the catalog declares it (`hrss`).
    DepartmentId, 48, b'_', "^[a-z0-9_]{1,48}$", "a department"
);

/// The measures whose request forms the engine still knows by name (the forms are not yet
/// the catalog's): the highway service area's rent, refunded or not due, and the skill
/// master studio's reward, recognised as such.
pub mod measure_ids {
    pub const RENT_WAIVER_HIGHWAY: &str = "rent-waiver-highway";
    pub const SKILL_MASTER_STUDIO: &str = "skill-master-studio";
}

string_id!(
    /// A parameter's id, as the catalog declares it (`vat_levy_rate_bp`): its unit, values
    /// and source are the catalog's.
    ParamId
);

/// The parameters the engine's calculators still read by name, with the unit each must have
/// (checked when a catalog loads). Every other parameter is the catalog's alone, read by the
/// conditions and formulas that name it.
pub mod param_ids {
    use super::Unit;
    use crate::catalog::Calculator;

    pub const CIT_STANDARD_RATE_BP: &str = "cit_standard_rate_bp";
    pub const CIT_REDUCED_RATE_BP: &str = "cit_reduced_rate_bp";
    pub const CIT_BAND1_UPPER_FEN: &str = "cit_band1_upper_fen";
    pub const CIT_BAND1_INCLUSION_BP: &str = "cit_band1_inclusion_bp";
    pub const CIT_BAND2_UPPER_FEN: &str = "cit_band2_upper_fen";
    pub const CIT_BAND2_INCLUSION_BP: &str = "cit_band2_inclusion_bp";
    pub const VAT_SMALL_SCALE_ANNUAL_SALES_LIMIT_FEN: &str =
        "vat_small_scale_annual_sales_limit_fen";
    pub const VAT_LEVY_RATE_BP: &str = "vat_levy_rate_bp";
    pub const VAT_QUARTERLY_EXEMPT_THRESHOLD_FEN: &str = "vat_quarterly_exempt_threshold_fen";
    pub const RENT_STATE_MONTHS_RISK_AREA: &str = "rent_state_months_risk_area";
    pub const RENT_STATE_MONTHS_BASE: &str = "rent_state_months_base";
    pub const RENT_STATE_MONTHS_NATIONAL_RISK_AREA: &str = "rent_state_months_national_risk_area";
    pub const RENT_HIGHWAY_MONTHS: &str = "rent_highway_months";

    /// Each parameter the calculators read, its unit, and the calculator that reads it (a
    /// catalog without that calculator need not declare it).
    pub const READ: &[(&str, Unit, Calculator)] = &[
        (
            CIT_STANDARD_RATE_BP,
            Unit::Bp,
            Calculator::CitSmallLowProfit,
        ),
        (CIT_REDUCED_RATE_BP, Unit::Bp, Calculator::CitSmallLowProfit),
        (
            CIT_BAND1_UPPER_FEN,
            Unit::Fen,
            Calculator::CitSmallLowProfit,
        ),
        (
            CIT_BAND1_INCLUSION_BP,
            Unit::Bp,
            Calculator::CitSmallLowProfit,
        ),
        (
            CIT_BAND2_UPPER_FEN,
            Unit::Fen,
            Calculator::CitSmallLowProfit,
        ),
        (
            CIT_BAND2_INCLUSION_BP,
            Unit::Bp,
            Calculator::CitSmallLowProfit,
        ),
        (
            VAT_SMALL_SCALE_ANNUAL_SALES_LIMIT_FEN,
            Unit::Fen,
            Calculator::VatSmallScaleExemption,
        ),
        (
            VAT_LEVY_RATE_BP,
            Unit::Bp,
            Calculator::VatSmallScaleExemption,
        ),
        (
            VAT_QUARTERLY_EXEMPT_THRESHOLD_FEN,
            Unit::Fen,
            Calculator::VatSmallScaleExemption,
        ),
        (
            RENT_STATE_MONTHS_RISK_AREA,
            Unit::Months,
            Calculator::RentStatePremises,
        ),
        (
            RENT_STATE_MONTHS_BASE,
            Unit::Months,
            Calculator::RentStatePremises,
        ),
        (
            RENT_STATE_MONTHS_NATIONAL_RISK_AREA,
            Unit::Months,
            Calculator::RentStatePremises,
        ),
        (
            RENT_HIGHWAY_MONTHS,
            Unit::Months,
            Calculator::RentHighwayServiceArea,
        ),
    ];
}

wire_enum!(
    /// How a business obtains the relief.
    How {
        Apply => "apply",
        SelfDeclare => "self_declare",
        Automatic => "automatic",
        Guidance => "guidance",
    }
);

wire_enum!(
    Category {
        Utilities => "utilities",
        Tenders => "tenders",
        Rent => "rent",
        Tax => "tax",
        Employment => "employment",
        Skills => "skills",
    }
);

wire_enum!(
    /// The kinds of request filed in Shukun.
    ApplicationKind {
        UtilityDeferral => "utility_deferral",
        /// 二(二)一 state-owned premises and 二(二)三 highway service areas.
        RentWaiver => "rent_waiver",
        /// 二(四): training bases and skill master studios.
        SkillsReward => "skills_reward",
        EvaluationInstitution => "evaluation_institution",
    }
);

wire_enum!(
    /// Enterprise size classes, smallest first.
    SizeClass {
        Micro => "micro",
        Small => "small",
        Medium => "medium",
        Large => "large",
    }
);

wire_enum!(
    /// Facts about a jurisdiction that an administrator records.
    JurisdictionFact {
        MediumHighRisk2022 => "medium_high_risk_2022",
        ElectricitySubsidy => "electricity_subsidy",
    }
);

impl JurisdictionFact {
    /// Whether a unit with nothing recorded takes the record of the county-level area it lies
    /// within: the risk listing is the area's (二(二)一); a subsidy is each unit's own choice.
    pub fn follows_outer_area(self) -> bool {
        match self {
            JurisdictionFact::MediumHighRisk2022 => true,
            JurisdictionFact::ElectricitySubsidy => false,
        }
    }
}

wire_enum!(
    /// Where a period comes from: the seed, our reading of it (marked † in POLICIES.md), or a
    /// national document the plan rests on (named in the period's `source`).
    PeriodBasis {
        Seed => "seed",
        OurReading => "our_reading",
        National => "national",
        /// Recorded by an administrator (a setting apart from the catalog version).
        Recorded => "recorded",
    }
);

wire_enum!(
    /// What decides whether a measure is in effect for a business.
    JudgedBy {
        /// The day the owner asks (for measures about the present, such as arrears).
        EvaluationDate => "evaluation_date",
        /// The tax year asked about (the annual settlement's parameters apply).
        TaxYear => "tax_year",
        /// The period the relief concerns (2022 rent, the quarters of April–December 2022),
        /// whatever the day the owner asks; the application window decides filing.
        ReliefPeriod => "relief_period",
    }
);

wire_enum!(
    Unit {
        Fen => "fen",
        Bp => "bp",
        Months => "months",
        People => "people",
    }
);

wire_enum!(
    /// Where a measure stands for a business: the words of a result, which the catalog's
    /// examples use too.
    Status {
        Eligible => "eligible",
        NotEligible => "not_eligible",
        NeedsInfo => "needs_info",
        NotInEffect => "not_in_effect",
    }
);
