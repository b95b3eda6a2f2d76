using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Rechecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "fund_source_lines",
                table: "forms",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "printed_scales",
                table: "forms",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recheck_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    trigger = table.Column<int>(type: "INTEGER", nullable: false),
                    checks_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    previous_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    run_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    run_start_done = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    done = table.Column<int>(type: "INTEGER", nullable: false),
                    changed = table.Column<int>(type: "INTEGER", nullable: false),
                    findings_before = table.Column<long>(type: "INTEGER", nullable: false),
                    findings_after = table.Column<long>(type: "INTEGER", nullable: false),
                    through_form_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_form_id = table.Column<long>(type: "INTEGER", nullable: false),
                    cancel_requested_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recheck_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recheck_jobs_state",
                table: "recheck_jobs",
                column: "state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recheck_jobs");

            migrationBuilder.DropColumn(
                name: "fund_source_lines",
                table: "forms");

            migrationBuilder.DropColumn(
                name: "printed_scales",
                table: "forms");
        }
    }
}
