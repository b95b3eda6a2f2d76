namespace Jixiao.Ingest.Json;

/// <summary>The member names of jixiao.form/1 (docs/schema.md), in one place for the writer and the reader.</summary>
internal static class JsonNames
{
    public const string Schema = "schema";
    public const string Kind = "kind";
    public const string Year = "year";
    public const string ProjectName = "projectName";
    public const string Department = "department";
    public const string ImplementingUnit = "implementingUnit";
    public const string Category = "category";
    public const string PlannedStart = "plannedStart";
    public const string PlannedEnd = "plannedEnd";
    public const string MoneyUnit = "moneyUnit";
    public const string Funds = "funds";
    public const string Goals = "goals";
    public const string Indicators = "indicators";
    public const string TotalWeight = "totalWeight";
    public const string TotalScore = "totalScore";
    public const string Grade = "grade";
    public const string Provenance = "provenance";

    public const string Total = "total";
    public const string Appropriation = "appropriation";
    public const string Carryover = "carryover";
    public const string Other = "other";
    public const string InitialBudget = "initialBudget";
    public const string AnnualBudget = "annualBudget";
    public const string Executed = "executed";
    public const string Weight = "weight";
    public const string ExecutionRate = "executionRate";
    public const string Score = "score";

    public const string ProjectTotal = "projectTotal";
    public const string ProjectFiscal = "projectFiscal";
    public const string ProjectOther = "projectOther";
    public const string AnnualTotal = "annualTotal";
    public const string AnnualAppropriation = "annualAppropriation";
    public const string AnnualCarryover = "annualCarryover";
    public const string AnnualOther = "annualOther";

    public const string Expected = "expected";
    public const string Actual = "actual";
    public const string Overall = "overall";
    public const string Annual = "annual";

    public const string Level1 = "level1";
    public const string Level2 = "level2";
    public const string Name = "name";
    public const string Target = "target";
    public const string Deviation = "deviation";

    public const string File = "file";
    public const string FirstLine = "firstLine";
    public const string LastLine = "lastLine";

    public const string Region = "region";
    public const string ProjectCode = "projectCode";
    public const string ProjectType = "projectType";
    public const string ImplementationPeriod = "implementationPeriod";
    public const string NewProject = "newProject";
    public const string AllocationMethod = "allocationMethod";
    public const string Basis = "basis";
    public const string Policy = "policy";
    public const string Calculation = "calculation";
    public const string LongTerm = "longTerm";
    public const string Conclusion = "conclusion";
    public const string Summary = "summary";
    public const string Problems = "problems";
    public const string Measures = "measures";
    public const string Extra = "extra";
    public const string Operator = "operator";
    public const string Unit = "unit";
    public const string Explanation = "explanation";
    public const string Source = "source";
    public const string Format = "format";
    public const string Sheet = "sheet";
    public const string Page = "page";

    public const string KindSelfEvaluation = "self-evaluation";
    public const string KindDepartmentSelfEvaluation = "department-self-evaluation";
    public const string KindTargetDeclaration = "target-declaration";
}
