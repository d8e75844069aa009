//! The catalog's identifiers and small enums: measures, departments, parameters, and the
//! words a measure is described in (how it is obtained, its category, its period's basis).

use crate::wire::wire_enum;

wire_enum!(
    /// The fifteen measures of the plan, with the ids of POLICIES.md.
    MeasureId {
        UtilityDeferral => "utility-deferral",
        ElectricitySubsidy => "electricity-subsidy",
        WaterGasPriceCut => "water-gas-price-cut",
        BidGuarantee => "bid-guarantee",
        RentWaiverState => "rent-waiver-state",
        RentWaiverPrivate => "rent-waiver-private",
        RentWaiverHighway => "rent-waiver-highway",
        VatExemption => "vat-exemption",
        CitReduction => "cit-reduction",
        SixTaxesTwoFees => "six-taxes-two-fees",
        TaxDeferral => "tax-deferral",
        UnemploymentInsuranceRate => "unemployment-insurance-rate",
        SkillsTrainingBase => "skills-training-base",
        SkillMasterStudio => "skill-master-studio",
        SkillEvaluationInstitution => "skill-evaluation-institution",
    }
);

wire_enum!(
    /// The departments named in the plan.
    DepartmentId {
        Housing => "housing",
        Ndrc => "ndrc",
        Water => "water",
        Market => "market",
        StateGrid => "state_grid",
        TradingCenter => "trading_center",
        Sasac => "sasac",
        Finance => "finance",
        OfficesAdmin => "offices_admin",
        Transport => "transport",
        Tax => "tax",
        Hrss => "hrss",
        CountyGovernment => "county_government",
        SupervisionOffice => "supervision_office",
    }
);

wire_enum!(
    /// The dated parameters the rules and calculators read. Their values are data.
    ParamId {
        SlpeMaxTaxableIncomeFen => "slpe_max_taxable_income_fen",
        SlpeMaxEmployees => "slpe_max_employees",
        SlpeMaxTotalAssetsFen => "slpe_max_total_assets_fen",
        CitStandardRateBp => "cit_standard_rate_bp",
        CitReducedRateBp => "cit_reduced_rate_bp",
        CitBand1UpperFen => "cit_band1_upper_fen",
        CitBand1InclusionBp => "cit_band1_inclusion_bp",
        CitBand2UpperFen => "cit_band2_upper_fen",
        CitBand2InclusionBp => "cit_band2_inclusion_bp",
        VatSmallScaleAnnualSalesLimitFen => "vat_small_scale_annual_sales_limit_fen",
        VatLevyRateBp => "vat_levy_rate_bp",
        VatQuarterlyExemptThresholdFen => "vat_quarterly_exempt_threshold_fen",
        SixTaxesReductionBp => "six_taxes_reduction_bp",
        RentStateMonthsRiskArea => "rent_state_months_risk_area",
        RentStateMonthsBase => "rent_state_months_base",
        RentStateMonthsNationalRiskArea => "rent_state_months_national_risk_area",
        RentHighwayMonths => "rent_highway_months",
        TaxPaymentDeferralMaxMonths => "tax_payment_deferral_max_months",
        RewardTrainingBaseNationalFen => "reward_training_base_national_fen",
        RewardTrainingBaseProvincialFen => "reward_training_base_provincial_fen",
        RewardSkillMasterStudioFen => "reward_skill_master_studio_fen",
    }
);

impl ParamId {
    /// The unit the code reads this parameter in; the catalog must agree.
    pub fn unit(self) -> Unit {
        use ParamId::*;
        match self {
            SlpeMaxEmployees => Unit::People,
            CitStandardRateBp | CitReducedRateBp | CitBand1InclusionBp | CitBand2InclusionBp
            | VatLevyRateBp | SixTaxesReductionBp => Unit::Bp,
            RentStateMonthsRiskArea
            | RentStateMonthsBase
            | RentStateMonthsNationalRiskArea
            | RentHighwayMonths
            | TaxPaymentDeferralMaxMonths => Unit::Months,
            SlpeMaxTaxableIncomeFen
            | SlpeMaxTotalAssetsFen
            | CitBand1UpperFen
            | CitBand2UpperFen
            | VatSmallScaleAnnualSalesLimitFen
            | VatQuarterlyExemptThresholdFen
            | RewardTrainingBaseNationalFen
            | RewardTrainingBaseProvincialFen
            | RewardSkillMasterStudioFen => Unit::Fen,
        }
    }
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
