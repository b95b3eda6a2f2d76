using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    target_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    target_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    form_count = table.Column<int>(type: "integer", nullable: false),
                    indicator_count = table.Column<int>(type: "integer", nullable: false),
                    finding_count = table.Column<int>(type: "integer", nullable: false),
                    diagnostic_count = table.Column<int>(type: "integer", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    error_line = table.Column<int>(type: "integer", nullable: true),
                    duplicate_of_batch_id = table.Column<long>(type: "bigint", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    path = table.Column<string>(type: "character varying(1600)", maxLength: 1600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.id);
                    table.ForeignKey(
                        name: "FK_organisations_organisations_parent_id",
                        column: x => x.parent_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false),
                    department = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    project_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    lineage_key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    department = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    implementing_unit = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    department_id = table.Column<long>(type: "bigint", nullable: true),
                    unit_id = table.Column<long>(type: "bigint", nullable: true),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    money_unit = table.Column<int>(type: "integer", nullable: false),
                    budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    executed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    total_initial_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    total_annual_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    total_executed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    total_fund_weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    total_execution_rate = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    total_fund_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    appropriation_initial_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    appropriation_annual_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    appropriation_executed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    appropriation_fund_weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    appropriation_execution_rate = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    appropriation_fund_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    carryover_initial_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    carryover_annual_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    carryover_executed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    carryover_fund_weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    carryover_execution_rate = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    carryover_fund_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    other_initial_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    other_annual_budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    other_executed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    other_fund_weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    other_execution_rate = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    other_fund_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    project_total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    project_fiscal = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    project_other = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    annual_total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    annual_appropriation = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    annual_carryover = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    annual_other = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    execution_rate_printed = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    execution_rate_recomputed = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    execution_rate = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    execution_score_recomputed = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    total_weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    total_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    grade_printed = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: true),
                    recomputed_total = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    recomputed_min = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    recomputed_max = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    recomputed_grade = table.Column<int>(type: "integer", nullable: true),
                    cannot_assess_count = table.Column<int>(type: "integer", nullable: false),
                    indicator_count = table.Column<int>(type: "integer", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    warning_count = table.Column<int>(type: "integer", nullable: false),
                    info_count = table.Column<int>(type: "integer", nullable: false),
                    diagnostic_count = table.Column<int>(type: "integer", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_file = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source_first_line = table.Column<int>(type: "integer", nullable: true),
                    source_last_line = table.Column<int>(type: "integer", nullable: true),
                    imported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forms", x => x.id);
                    table.ForeignKey(
                        name: "FK_forms_import_batches_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_forms_organisations_department_id",
                        column: x => x.department_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_forms_organisations_unit_id",
                        column: x => x.unit_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    form_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    indicator_index = table.Column<int>(type: "integer", nullable: true),
                    message_zh = table.Column<string>(type: "text", nullable: false),
                    message_en = table.Column<string>(type: "text", nullable: false),
                    source_line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_findings", x => new { x.form_id, x.position });
                    table.ForeignKey(
                        name: "FK_findings_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "form_goals",
                columns: table => new
                {
                    form_id = table.Column<long>(type: "bigint", nullable: false),
                    expected = table.Column<string>(type: "text", nullable: true),
                    actual = table.Column<string>(type: "text", nullable: true),
                    overall = table.Column<string>(type: "text", nullable: true),
                    annual = table.Column<string>(type: "text", nullable: true),
                    reader_notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_goals", x => x.form_id);
                    table.ForeignKey(
                        name: "FK_form_goals_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "form_search",
                columns: table => new
                {
                    form_id = table.Column<long>(type: "bigint", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_search", x => x.form_id);
                    table.ForeignKey(
                        name: "FK_form_search_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    form_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    level1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    level2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<string>(type: "text", nullable: true),
                    actual = table.Column<string>(type: "text", nullable: true),
                    weight = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    deviation = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<int>(type: "integer", nullable: false),
                    recomputed_score = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicators", x => new { x.form_id, x.position });
                    table.ForeignKey(
                        name: "FK_indicators_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_target_type_target_id",
                table: "audit_log",
                columns: new[] { "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_code_form_id",
                table: "findings",
                columns: new[] { "code", "form_id" });

            migrationBuilder.CreateIndex(
                name: "IX_form_search_text",
                table: "form_search",
                column: "text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_budget_id",
                table: "forms",
                columns: new[] { "budget", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_content_hash",
                table: "forms",
                column: "content_hash");

            migrationBuilder.CreateIndex(
                name: "IX_forms_department_id_year_id",
                table: "forms",
                columns: new[] { "department_id", "year", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_error_count_id",
                table: "forms",
                columns: new[] { "error_count", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_execution_rate_id",
                table: "forms",
                columns: new[] { "execution_rate", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_grade_id",
                table: "forms",
                columns: new[] { "grade", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_import_batch_id",
                table: "forms",
                column: "import_batch_id");

            migrationBuilder.CreateIndex(
                name: "IX_forms_kind_year_id",
                table: "forms",
                columns: new[] { "kind", "year", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_lineage_key_year",
                table: "forms",
                columns: new[] { "lineage_key", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_project_name_id",
                table: "forms",
                columns: new[] { "project_name", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_recomputed_grade_id",
                table: "forms",
                columns: new[] { "recomputed_grade", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_recomputed_total_id",
                table: "forms",
                columns: new[] { "recomputed_total", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_total_score_id",
                table: "forms",
                columns: new[] { "total_score", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_forms_unit_id",
                table: "forms",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "IX_forms_year_id",
                table: "forms",
                columns: new[] { "year", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_content_hash_status",
                table: "import_batches",
                columns: new[] { "content_hash", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_created_at",
                table: "import_batches",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_kind_key",
                table: "organisations",
                columns: new[] { "kind", "key" });

            migrationBuilder.CreateIndex(
                name: "IX_organisations_parent_id",
                table: "organisations",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_path",
                table: "organisations",
                column: "path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_user_name",
                table: "users",
                column: "user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "form_goals");

            migrationBuilder.DropTable(
                name: "form_search");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "forms");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "organisations");
        }
    }
}
