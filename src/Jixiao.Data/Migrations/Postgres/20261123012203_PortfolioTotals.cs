using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PortfolioTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "finding_cells",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<long>(type: "bigint", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    forms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_cells", x => new { x.year, x.department_id, x.code, x.severity });
                });

            migrationBuilder.CreateTable(
                name: "portfolio_cells",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    forms = table.Column<int>(type: "integer", nullable: false),
                    budget = table.Column<decimal>(type: "numeric(24,2)", precision: 24, scale: 2, nullable: false),
                    executed = table.Column<decimal>(type: "numeric(24,2)", precision: 24, scale: 2, nullable: false),
                    rate_sum = table.Column<decimal>(type: "numeric(24,4)", precision: 24, scale: 4, nullable: false),
                    rate_count = table.Column<int>(type: "integer", nullable: false),
                    score0 = table.Column<int>(type: "integer", nullable: false),
                    score1 = table.Column<int>(type: "integer", nullable: false),
                    score2 = table.Column<int>(type: "integer", nullable: false),
                    score3 = table.Column<int>(type: "integer", nullable: false),
                    score4 = table.Column<int>(type: "integer", nullable: false),
                    score5 = table.Column<int>(type: "integer", nullable: false),
                    score6 = table.Column<int>(type: "integer", nullable: false),
                    grade_excellent = table.Column<int>(type: "integer", nullable: false),
                    grade_good = table.Column<int>(type: "integer", nullable: false),
                    grade_fair = table.Column<int>(type: "integer", nullable: false),
                    grade_poor = table.Column<int>(type: "integer", nullable: false),
                    recomputed_excellent = table.Column<int>(type: "integer", nullable: false),
                    recomputed_good = table.Column<int>(type: "integer", nullable: false),
                    recomputed_fair = table.Column<int>(type: "integer", nullable: false),
                    recomputed_poor = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<long>(type: "bigint", nullable: false),
                    warnings = table.Column<long>(type: "bigint", nullable: false),
                    forms_with_errors = table.Column<int>(type: "integer", nullable: false),
                    graded_lower = table.Column<int>(type: "integer", nullable: false),
                    printed_total_sum = table.Column<decimal>(type: "numeric(24,4)", precision: 24, scale: 4, nullable: false),
                    printed_total_count = table.Column<int>(type: "integer", nullable: false),
                    recomputed_total_sum = table.Column<decimal>(type: "numeric(24,4)", precision: 24, scale: 4, nullable: false),
                    recomputed_total_count = table.Column<int>(type: "integer", nullable: false),
                    scored_indicators = table.Column<int>(type: "integer", nullable: false),
                    full_marks = table.Column<int>(type: "integer", nullable: false),
                    deducted = table.Column<int>(type: "integer", nullable: false),
                    deducted_without_reason = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portfolio_cells", x => new { x.year, x.department_id, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "storage_state",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_storage_state", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_finding_cells_department_id",
                table: "finding_cells",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "IX_portfolio_cells_department_id",
                table: "portfolio_cells",
                column: "department_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "finding_cells");

            migrationBuilder.DropTable(
                name: "portfolio_cells");

            migrationBuilder.DropTable(
                name: "storage_state");
        }
    }
}
