using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Filings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "filings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    project_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: true),
                    department = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    implementing_unit = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    rule_set = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    declaration_filing_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    review_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    published_form_id = table.Column<long>(type: "INTEGER", nullable: true),
                    findings_overridden_reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filings", x => x.id);
                    table.ForeignKey(
                        name: "FK_filings_filings_declaration_filing_id",
                        column: x => x.declaration_filing_id,
                        principalTable: "filings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_filings_organisations_department_id",
                        column: x => x.department_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "filing_comments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    filing_id = table.Column<long>(type: "INTEGER", nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    by_reviewer = table.Column<bool>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    filing_version = table.Column<int>(type: "INTEGER", nullable: false),
                    resolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    resolved_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_comments", x => x.id);
                    table.ForeignKey(
                        name: "FK_filing_comments_filings_filing_id",
                        column: x => x.filing_id,
                        principalTable: "filings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "filing_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    filing_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_revisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_filing_revisions_filings_filing_id",
                        column: x => x.filing_id,
                        principalTable: "filings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filing_comments_filing_id_id",
                table: "filing_comments",
                columns: new[] { "filing_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_filing_revisions_filing_id_version",
                table: "filing_revisions",
                columns: new[] { "filing_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_filings_declaration_filing_id",
                table: "filings",
                column: "declaration_filing_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_filings_department_id_status_id",
                table: "filings",
                columns: new[] { "department_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_published_form_id",
                table: "filings",
                column: "published_form_id");

            migrationBuilder.CreateIndex(
                name: "IX_filings_status_id",
                table: "filings",
                columns: new[] { "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "filing_comments");

            migrationBuilder.DropTable(
                name: "filing_revisions");

            migrationBuilder.DropTable(
                name: "filings");
        }
    }
}
