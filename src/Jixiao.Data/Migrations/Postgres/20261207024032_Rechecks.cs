using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "printed_scales",
                table: "forms",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recheck_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    state = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    checks_version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    previous_version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    run_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    run_start_done = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    changed = table.Column<int>(type: "integer", nullable: false),
                    findings_before = table.Column<long>(type: "bigint", nullable: false),
                    findings_after = table.Column<long>(type: "bigint", nullable: false),
                    through_form_id = table.Column<long>(type: "bigint", nullable: false),
                    last_form_id = table.Column<long>(type: "bigint", nullable: false),
                    cancel_requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
