using System.Text;
using Jixiao.Data.Accounts;
using Jixiao.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Jixiao.Data.Forms;

using Jixiao.Data.Portfolio;

namespace Jixiao.Data.Schema;

/// <summary>
/// The model shared by both providers. Each provider has its own context type deriving from this one
/// (<see cref="SqliteJixiaoDbContext"/>, <see cref="PostgresJixiaoDbContext"/>) and its own migrations set
/// (Migrations/Sqlite, Migrations/Postgres). Tables and columns are snake_case. Use <see cref="JixiaoDatabase.CreateContext"/>.
/// </summary>
public abstract class JixiaoDbContext : DbContext
{
    /// <summary>Money in yuan: numeric(18,2).</summary>
    internal const int MoneyPrecision = 18;

    /// <summary>Sums of money over many forms: numeric(24,2).</summary>
    internal const int CubeMoneyPrecision = 24;

    protected JixiaoDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<FormRecord> Forms => Set<FormRecord>();

    public DbSet<IndicatorRecord> Indicators => Set<IndicatorRecord>();

    public DbSet<FindingRecord> Findings => Set<FindingRecord>();

    public DbSet<FormGoalsRecord> FormGoals => Set<FormGoalsRecord>();

    /// <summary>The signatures of the forms, by which the checks across forms find the forms to compare.</summary>
    public DbSet<FormSignatureRecord> FormSignatures => Set<FormSignatureRecord>();

    public DbSet<FormSearchRecord> FormSearch => Set<FormSearchRecord>();

    public DbSet<SearchGramRecord> SearchGrams => Set<SearchGramRecord>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<User> Users => Set<User>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>The personal access tokens (访问令牌) of the API, by the hash of their secret.</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>The stored portfolio totals per year, department and kind (<see cref="PortfolioCube"/>).</summary>
    public DbSet<PortfolioCell> PortfolioCells => Set<PortfolioCell>();

    /// <summary>The stored findings totals per year, department, check and severity (<see cref="PortfolioCube"/>).</summary>
    public DbSet<FindingCell> FindingCells => Set<FindingCell>();

    /// <summary>The stored projects across years (<see cref="PortfolioCube"/>).</summary>
    public DbSet<ProjectCell> ProjectCells => Set<ProjectCell>();

    public DbSet<StorageState> StorageState => Set<StorageState>();

    /// <summary>The review state of each form content (复核状态, <see cref="Reviews.ReviewStore"/>).</summary>
    public DbSet<FormReviewRecord> FormReviews => Set<FormReviewRecord>();

    /// <summary>The conclusions on findings (复核结论).</summary>
    public DbSet<FindingReviewRecord> FindingReviews => Set<FindingReviewRecord>();

    /// <summary>The rectification requests (整改通知).</summary>
    public DbSet<RectificationRecord> Rectifications => Set<RectificationRecord>();

    /// <summary>The messages of the rectification threads (整改往来).</summary>
    public DbSet<RectificationMessageRecord> RectificationMessages => Set<RectificationMessageRecord>();

    /// <summary>The re-checks of the stored forms (重新核查, <see cref="Rechecks.RecheckStore"/>).</summary>
    public DbSet<RecheckJob> RecheckJobs => Set<RecheckJob>();

    /// <summary>The forms being filled in Jixiao (填报, <see cref="Filings.FilingStore"/>).</summary>
    public DbSet<FilingRecord> Filings => Set<FilingRecord>();

    /// <summary>The comments on filings (审核意见).</summary>
    public DbSet<FilingCommentRecord> FilingComments => Set<FilingCommentRecord>();

    /// <summary>The saved versions of the filings' content (修订).</summary>
    public DbSet<FilingRevisionRecord> FilingRevisions => Set<FilingRevisionRecord>();

    /// <summary>The monitoring checkpoints of approved declarations (监控时点, <see cref="Monitoring.MonitoringStore"/>).</summary>
    public DbSet<MonitoringCheckpointRecord> MonitoringCheckpoints => Set<MonitoringCheckpointRecord>();

    /// <summary>The provider this context talks to.</summary>
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ConfigureForms(modelBuilder.Entity<FormRecord>());
        ConfigureIndicators(modelBuilder.Entity<IndicatorRecord>());
        ConfigureFindings(modelBuilder.Entity<FindingRecord>());
        ConfigureSignatures(modelBuilder.Entity<FormSignatureRecord>());

        var goals = modelBuilder.Entity<FormGoalsRecord>();
        goals.ToTable("form_goals");
        goals.HasKey(g => g.FormId);
        goals.Property(g => g.FormId).ValueGeneratedNever();

        var search = modelBuilder.Entity<FormSearchRecord>();
        search.ToTable("form_search");
        search.HasKey(s => s.FormId);
        search.Property(s => s.FormId).ValueGeneratedNever();
        search.HasOne<FormRecord>().WithOne().HasForeignKey<FormSearchRecord>(s => s.FormId).OnDelete(DeleteBehavior.Cascade);
        ConfigureSearchIndex(search);

        var grams = modelBuilder.Entity<SearchGramRecord>();
        grams.ToTable("search_grams");
        grams.HasKey(g => new { g.Gram, g.Year, g.BatchId, g.Part });
        grams.HasIndex(g => g.BatchId);
        grams.HasOne<ImportBatch>().WithMany().HasForeignKey(g => g.BatchId).OnDelete(DeleteBehavior.Cascade);

        ConfigureBatches(modelBuilder.Entity<ImportBatch>());
        ConfigureOrganisations(modelBuilder.Entity<Organisation>());
        ConfigureUsers(modelBuilder.Entity<User>());
        ConfigureAudit(modelBuilder.Entity<AuditEntry>());
        ConfigureTokens(modelBuilder.Entity<ApiToken>());
        ConfigureCube(modelBuilder);
        ConfigureReviews(modelBuilder);
        ConfigureRechecks(modelBuilder.Entity<RecheckJob>());
        ConfigureFilings(modelBuilder);
        ConfigureMonitoring(modelBuilder.Entity<MonitoringCheckpointRecord>());
        Library.LibrarySchema.Configure(modelBuilder);

        ApplySnakeCase(modelBuilder);
    }

    /// <summary>The provider's index for <c>LIKE '%…%'</c> on the search text (a trigram GIN index on PostgreSQL).</summary>
    protected virtual void ConfigureSearchIndex(EntityTypeBuilder<FormSearchRecord> search)
    {
    }

    private static void ConfigureForms(EntityTypeBuilder<FormRecord> f)
    {
        f.ToTable("forms");
        f.HasKey(x => x.Id);
        f.Property(x => x.ProjectName).HasMaxLength(FormMapper.NameLength);
        f.Property(x => x.LineageKey).HasMaxLength(FormMapper.NameLength);
        f.Property(x => x.Department).HasMaxLength(FormMapper.NameLength);
        f.Property(x => x.ImplementingUnit).HasMaxLength(FormMapper.NameLength);
        f.Property(x => x.Category).HasMaxLength(100);
        f.Property(x => x.GradePrinted).HasMaxLength(20);
        f.Property(x => x.ContentHash).HasMaxLength(64);
        f.Property(x => x.RuleSet).HasMaxLength(60).HasDefaultValue("");
        f.Property(x => x.SourceFile).HasMaxLength(FormMapper.NameLength);

        foreach (var money in new[]
        {
            nameof(FormRecord.Budget), nameof(FormRecord.Executed),
            nameof(FormRecord.TotalInitialBudget), nameof(FormRecord.TotalAnnualBudget), nameof(FormRecord.TotalExecuted),
            nameof(FormRecord.AppropriationInitialBudget), nameof(FormRecord.AppropriationAnnualBudget), nameof(FormRecord.AppropriationExecuted),
            nameof(FormRecord.CarryoverInitialBudget), nameof(FormRecord.CarryoverAnnualBudget), nameof(FormRecord.CarryoverExecuted),
            nameof(FormRecord.OtherInitialBudget), nameof(FormRecord.OtherAnnualBudget), nameof(FormRecord.OtherExecuted),
            nameof(FormRecord.ProjectTotal), nameof(FormRecord.ProjectFiscal), nameof(FormRecord.ProjectOther),
            nameof(FormRecord.AnnualTotal), nameof(FormRecord.AnnualAppropriation), nameof(FormRecord.AnnualCarryover), nameof(FormRecord.AnnualOther),
        })
        {
            f.Property(money).HasPrecision(MoneyPrecision, FormMapper.MoneyScale);
        }

        foreach (var rate in new[]
        {
            nameof(FormRecord.TotalExecutionRate), nameof(FormRecord.AppropriationExecutionRate), nameof(FormRecord.CarryoverExecutionRate),
            nameof(FormRecord.OtherExecutionRate), nameof(FormRecord.ExecutionRatePrinted), nameof(FormRecord.ExecutionRateRecomputed),
            nameof(FormRecord.ExecutionRate),
        })
        {
            f.Property(rate).HasPrecision(FormMapper.RatePrecision, FormMapper.FineScale);
        }

        foreach (var score in new[]
        {
            nameof(FormRecord.TotalFundWeight), nameof(FormRecord.TotalFundScore), nameof(FormRecord.AppropriationFundWeight),
            nameof(FormRecord.AppropriationFundScore), nameof(FormRecord.CarryoverFundWeight), nameof(FormRecord.CarryoverFundScore),
            nameof(FormRecord.OtherFundWeight), nameof(FormRecord.OtherFundScore), nameof(FormRecord.ExecutionScoreRecomputed),
            nameof(FormRecord.TotalWeight), nameof(FormRecord.TotalScore), nameof(FormRecord.RecomputedTotal),
            nameof(FormRecord.RecomputedMin), nameof(FormRecord.RecomputedMax),
        })
        {
            f.Property(score).HasPrecision(FormMapper.ScorePrecision, FormMapper.FineScale);
        }

        f.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
        f.HasOne<Organisation>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        f.HasOne<Organisation>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        f.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.FormId).OnDelete(DeleteBehavior.Cascade);
        f.HasMany(x => x.Findings).WithOne().HasForeignKey(i => i.FormId).OnDelete(DeleteBehavior.Cascade);
        f.HasOne(x => x.Goals).WithOne().HasForeignKey<FormGoalsRecord>(g => g.FormId).OnDelete(DeleteBehavior.Cascade);

        // The list's filters and sorts; each ends with the id so paging is stable.
        f.HasIndex(x => new { x.Year, x.Id });
        f.HasIndex(x => new { x.DepartmentId, x.Year, x.Id });
        f.HasIndex(x => x.UnitId);
        f.HasIndex(x => new { x.Kind, x.Year, x.Id });
        f.HasIndex(x => new { x.Grade, x.Id });
        f.HasIndex(x => new { x.RecomputedGrade, x.Id });
        f.HasIndex(x => new { x.TotalScore, x.Id });
        f.HasIndex(x => new { x.RecomputedTotal, x.Id });
        f.HasIndex(x => new { x.ExecutionRate, x.Id });
        f.HasIndex(x => new { x.Budget, x.Id });
        f.HasIndex(x => new { x.ErrorCount, x.Id });
        f.HasIndex(x => new { x.ProjectName, x.Id });
        f.HasIndex(x => new { x.LineageKey, x.Year });
        f.HasIndex(x => x.ImportBatchId);
        f.HasIndex(x => x.ContentHash);
    }

    private static void ConfigureIndicators(EntityTypeBuilder<IndicatorRecord> i)
    {
        i.ToTable("indicators");
        i.HasKey(x => new { x.FormId, x.Position });
        i.Property(x => x.Level1).HasMaxLength(100);
        i.Property(x => x.Level2).HasMaxLength(100);
        i.Property(x => x.Operator).HasMaxLength(20);
        i.Property(x => x.Unit).HasMaxLength(40);
        i.Property(x => x.Weight).HasPrecision(FormMapper.ScorePrecision, FormMapper.FineScale);
        i.Property(x => x.Score).HasPrecision(FormMapper.ScorePrecision, FormMapper.FineScale);
        i.Property(x => x.RecomputedScore).HasPrecision(FormMapper.ScorePrecision, FormMapper.FineScale);
    }

    private static void ConfigureFindings(EntityTypeBuilder<FindingRecord> f)
    {
        f.ToTable("findings");
        f.HasKey(x => new { x.FormId, x.Position });
        f.Property(x => x.Code).HasMaxLength(40);
        f.Property(x => x.Field).HasMaxLength(200);
        f.HasIndex(x => new { x.Code, x.Year, x.FormId, x.Position });
        f.HasIndex(x => new { x.Severity, x.Year, x.FormId, x.Position });

        // most findings are of one form: only those of a pair are indexed by the other form
        f.HasIndex(x => x.RelatedFormId).HasFilter("related_form_id IS NOT NULL");
    }

    private static void ConfigureSignatures(EntityTypeBuilder<FormSignatureRecord> s)
    {
        s.ToTable("form_signatures");
        s.HasKey(x => new { x.Kind, x.Hash, x.FormId });
        s.HasIndex(x => x.FormId);
    }

    private static void ConfigureBatches(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("import_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(FormMapper.NameLength);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.ContentHash, x.Status });
        b.HasIndex(x => x.CreatedAt);
    }

    private static void ConfigureOrganisations(EntityTypeBuilder<Organisation> o)
    {
        o.ToTable("organisations");
        o.HasKey(x => x.Id);
        o.Property(x => x.Name).HasMaxLength(FormMapper.NameLength);
        o.Property(x => x.Key).HasMaxLength(FormMapper.NameLength);
        o.Property(x => x.Path).HasMaxLength(1600);
        o.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        o.HasIndex(x => x.Path).IsUnique();
        o.HasIndex(x => new { x.Kind, x.Key });
        o.HasIndex(x => x.ParentId);
    }

    private static void ConfigureUsers(EntityTypeBuilder<User> u)
    {
        u.ToTable("users");
        u.HasKey(x => x.Id);
        u.Property(x => x.UserName).HasMaxLength(100);
        u.Property(x => x.DisplayName).HasMaxLength(200);
        u.Property(x => x.PasswordHash).HasMaxLength(300);
        u.Property(x => x.Department).HasMaxLength(FormMapper.NameLength);
        u.HasIndex(x => x.UserName).IsUnique();
        u.Property(x => x.NormalizedUserName).HasMaxLength(UserNames.MaxLength + 21);
        u.HasIndex(x => x.NormalizedUserName).IsUnique();
        u.Property(x => x.SecurityStamp).HasMaxLength(64);
    }

    private static void ConfigureAudit(EntityTypeBuilder<AuditEntry> a)
    {
        a.ToTable("audit_log");
        a.HasKey(x => x.Id);
        a.Property(x => x.Actor).HasMaxLength(100);
        a.Property(x => x.Action).HasMaxLength(60);
        a.Property(x => x.TargetType).HasMaxLength(60);
        a.Property(x => x.TargetId).HasMaxLength(200);
        a.HasIndex(x => x.At);
        a.HasIndex(x => new { x.TargetType, x.TargetId });
    }

    private static void ConfigureTokens(EntityTypeBuilder<ApiToken> t)
    {
        t.ToTable("api_tokens");
        t.HasKey(x => x.Id);
        t.Property(x => x.Name).HasMaxLength(ApiTokenStore.NameLength);
        t.Property(x => x.Prefix).HasMaxLength(ApiTokenStore.PrefixLength);
        t.Property(x => x.SecretHash).HasMaxLength(64);
        t.Property(x => x.RevokedBy).HasMaxLength(100);
        t.HasIndex(x => x.SecretHash).IsUnique();
        t.HasIndex(x => x.UserId);
        t.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void ConfigureCube(ModelBuilder modelBuilder)
    {
        var cells = modelBuilder.Entity<PortfolioCell>();
        cells.ToTable("portfolio_cells");
        cells.HasKey(x => new { x.Year, x.DepartmentId, x.Kind });
        cells.Property(x => x.Year).ValueGeneratedNever();
        cells.Property(x => x.DepartmentId).ValueGeneratedNever();
        cells.Property(x => x.Budget).HasPrecision(CubeMoneyPrecision, FormMapper.MoneyScale);
        cells.Property(x => x.Executed).HasPrecision(CubeMoneyPrecision, FormMapper.MoneyScale);
        cells.Property(x => x.RateSum).HasPrecision(CubeMoneyPrecision, FormMapper.FineScale);
        cells.Property(x => x.PrintedTotalSum).HasPrecision(CubeMoneyPrecision, FormMapper.FineScale);
        cells.Property(x => x.RecomputedTotalSum).HasPrecision(CubeMoneyPrecision, FormMapper.FineScale);
        cells.HasIndex(x => x.DepartmentId);

        var findings = modelBuilder.Entity<FindingCell>();
        findings.ToTable("finding_cells");
        findings.HasKey(x => new { x.Year, x.DepartmentId, x.Code, x.Severity });
        findings.Property(x => x.Year).ValueGeneratedNever();
        findings.Property(x => x.DepartmentId).ValueGeneratedNever();
        findings.Property(x => x.Code).HasMaxLength(40);
        findings.HasIndex(x => x.DepartmentId);

        var projects = modelBuilder.Entity<ProjectCell>();
        projects.ToTable("project_cells");
        projects.HasKey(x => new { x.LineageKey, x.DepartmentId });
        projects.Property(x => x.LineageKey).HasMaxLength(FormMapper.NameLength);
        projects.Property(x => x.DepartmentId).ValueGeneratedNever();
        projects.Property(x => x.ProjectName).HasMaxLength(FormMapper.NameLength);
        projects.HasIndex(x => new { x.Forms, x.LineageKey });

        var state = modelBuilder.Entity<StorageState>();
        state.ToTable("storage_state");
        state.HasKey(x => x.Key);
        state.Property(x => x.Key).HasMaxLength(100);
        state.Property(x => x.Value).HasMaxLength(400);
    }

    /// <summary>The follow-up of findings (复核 and 整改): keyed by the form's content hash, so a re-import finds them again.</summary>
    private static void ConfigureReviews(ModelBuilder modelBuilder)
    {
        var forms = modelBuilder.Entity<FormReviewRecord>();
        forms.ToTable("form_reviews");
        forms.HasKey(x => x.ContentHash);
        forms.Property(x => x.ContentHash).HasMaxLength(64);
        forms.Property(x => x.UpdatedBy).HasMaxLength(100);
        forms.HasIndex(x => new { x.State, x.ContentHash });

        var findings = modelBuilder.Entity<FindingReviewRecord>();
        findings.ToTable("finding_reviews");
        findings.HasKey(x => x.Id);
        findings.Property(x => x.ContentHash).HasMaxLength(64);
        findings.Property(x => x.Code).HasMaxLength(40);
        findings.Property(x => x.Field).HasMaxLength(200);
        findings.Property(x => x.Note).HasMaxLength(Reviews.ReviewStore.NoteLength);
        findings.Property(x => x.DecidedBy).HasMaxLength(100);
        findings.HasIndex(x => new { x.ContentHash, x.Code, x.Field, x.Occurrence }).IsUnique();

        var requests = modelBuilder.Entity<RectificationRecord>();
        requests.ToTable("rectifications");
        requests.HasKey(x => x.Id);
        requests.Property(x => x.ContentHash).HasMaxLength(64);
        requests.Property(x => x.Department).HasMaxLength(FormMapper.NameLength);
        requests.Property(x => x.ProjectName).HasMaxLength(FormMapper.NameLength);
        requests.Property(x => x.Text).HasMaxLength(Reviews.ReviewStore.TextLength);
        requests.Property(x => x.RequestedBy).HasMaxLength(100);
        requests.Property(x => x.AnsweredBy).HasMaxLength(100);
        requests.Property(x => x.ClosedBy).HasMaxLength(100);
        requests.HasIndex(x => x.ContentHash);
        requests.HasIndex(x => new { x.DepartmentId, x.Status, x.Deadline });
        requests.HasIndex(x => new { x.Status, x.Deadline });

        var messages = modelBuilder.Entity<RectificationMessageRecord>();
        messages.ToTable("rectification_messages");
        messages.HasKey(x => x.Id);
        messages.Property(x => x.Author).HasMaxLength(100);
        messages.Property(x => x.Text).HasMaxLength(Reviews.ReviewStore.TextLength);
        messages.HasOne<RectificationRecord>().WithMany().HasForeignKey(x => x.RectificationId).OnDelete(DeleteBehavior.Cascade);
        messages.HasIndex(x => new { x.RectificationId, x.Id });
    }

    private static void ConfigureRechecks(EntityTypeBuilder<RecheckJob> j)
    {
        j.ToTable("recheck_jobs");
        j.HasKey(x => x.Id);
        j.Property(x => x.ChecksVersion).HasMaxLength(40);
        j.Property(x => x.PreviousVersion).HasMaxLength(40);
        j.Property(x => x.StartedBy).HasMaxLength(100);
        j.Property(x => x.CancelRequestedBy).HasMaxLength(100);
        j.Property(x => x.Error).HasMaxLength(2000);
        j.HasIndex(x => x.State);
    }

    /// <summary>
    /// Filing in Jixiao (填报): the filings with their content, comments and revisions. A filing names its published
    /// form by id without a foreign key: the forms and their batches are the one writer's (decision 004), and a
    /// deleted batch leaves the filing published with a form that is gone.
    /// </summary>
    private static void ConfigureFilings(ModelBuilder modelBuilder)
    {
        var filings = modelBuilder.Entity<FilingRecord>();
        filings.ToTable("filings");
        filings.HasKey(x => x.Id);
        filings.Property(x => x.ProjectName).HasMaxLength(FormMapper.NameLength);
        filings.Property(x => x.Department).HasMaxLength(FormMapper.NameLength);
        filings.Property(x => x.ImplementingUnit).HasMaxLength(FormMapper.NameLength);
        filings.Property(x => x.RuleSet).HasMaxLength(60);
        filings.Property(x => x.CreatedBy).HasMaxLength(100);
        filings.Property(x => x.UpdatedBy).HasMaxLength(100);
        filings.Property(x => x.ApprovedBy).HasMaxLength(100);
        filings.Property(x => x.PublishedBy).HasMaxLength(100);
        filings.Property(x => x.FindingsOverriddenReason).HasMaxLength(Jixiao.Data.Filings.FilingStore.TextLength);
        filings.HasOne<Organisation>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        filings.HasOne<FilingRecord>().WithMany().HasForeignKey(x => x.DeclarationFilingId).OnDelete(DeleteBehavior.Restrict);
        filings.HasIndex(x => new { x.DepartmentId, x.Status, x.Id });
        filings.HasIndex(x => new { x.Status, x.Id });
        filings.HasIndex(x => x.DeclarationFilingId).IsUnique();
        filings.HasIndex(x => x.PublishedFormId);

        var comments = modelBuilder.Entity<FilingCommentRecord>();
        comments.ToTable("filing_comments");
        comments.HasKey(x => x.Id);
        comments.Property(x => x.Field).HasMaxLength(Core.Workflow.FieldPaths.MaxLength);
        comments.Property(x => x.Author).HasMaxLength(100);
        comments.Property(x => x.ResolvedBy).HasMaxLength(100);
        comments.Property(x => x.Text).HasMaxLength(Jixiao.Data.Filings.FilingStore.TextLength);
        comments.HasOne<FilingRecord>().WithMany().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        comments.HasIndex(x => new { x.FilingId, x.Id });

        var revisions = modelBuilder.Entity<FilingRevisionRecord>();
        revisions.ToTable("filing_revisions");
        revisions.HasKey(x => x.Id);
        revisions.Property(x => x.Author).HasMaxLength(100);
        revisions.HasOne<FilingRecord>().WithMany().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        revisions.HasIndex(x => new { x.FilingId, x.Version }).IsUnique();
    }

    /// <summary>Mid-year monitoring (绩效运行监控): one checkpoint per declaration and date, gone with its filing.</summary>
    private static void ConfigureMonitoring(EntityTypeBuilder<MonitoringCheckpointRecord> m)
    {
        m.ToTable("monitoring_checkpoints");
        m.HasKey(x => x.Id);
        m.Property(x => x.Executed).HasPrecision(MoneyPrecision, FormMapper.MoneyScale);
        m.Property(x => x.Budget).HasPrecision(MoneyPrecision, FormMapper.MoneyScale);
        m.Property(x => x.Note).HasMaxLength(Jixiao.Data.Filings.FilingStore.TextLength);
        m.Property(x => x.CreatedBy).HasMaxLength(100);
        m.Property(x => x.UpdatedBy).HasMaxLength(100);
        m.HasOne<FilingRecord>().WithMany().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        m.HasIndex(x => new { x.FilingId, x.Date }).IsUnique();
    }

    private static void ApplySnakeCase(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>The SQLite context (the default, a file under ./data). Decimals are stored as REAL (see docs/deploy.md).</summary>
public sealed class SqliteJixiaoDbContext : JixiaoDbContext
{
    public SqliteJixiaoDbContext(DbContextOptions<SqliteJixiaoDbContext> options)
        : base(options)
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no decimal type: EF would store TEXT, which sorts and compares as text. REAL keeps 15 significant
        // digits (yuan to the fen up to 10^13), sorts, sums and averages natively.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double?>();
    }
}

/// <summary>The PostgreSQL context (production, Npgsql).</summary>
public sealed class PostgresJixiaoDbContext : JixiaoDbContext
{
    public PostgresJixiaoDbContext(DbContextOptions<PostgresJixiaoDbContext> options)
        : base(options)
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        base.OnModelCreating(modelBuilder);
    }

    protected override void ConfigureSearchIndex(EntityTypeBuilder<FormSearchRecord> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.HasIndex(s => s.Text).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

/// <summary>Design-time factory for <c>dotnet ef migrations add … --context SqliteJixiaoDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJixiaoDbContext>
{
    public SqliteJixiaoDbContext CreateDbContext(string[] args) =>
        (SqliteJixiaoDbContext)JixiaoDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "jixiao-design.db")).CreateContext();
}

/// <summary>Design-time factory for <c>dotnet ef migrations add … --context PostgresJixiaoDbContext</c> (no server needed).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJixiaoDbContext>
{
    public PostgresJixiaoDbContext CreateDbContext(string[] args) =>
        (PostgresJixiaoDbContext)JixiaoDatabase.Postgres("Host=127.0.0.1;Database=jixiao_design;Username=jixiao").CreateContext();
}
