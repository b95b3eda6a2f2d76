using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "finding_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occurrence = table.Column<int>(type: "INTEGER", nullable: false),
                    decision = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "form_reviews",
                columns: table => new
                {
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_reviews", x => x.content_hash);
                });

            migrationBuilder.CreateTable(
                name: "rectifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: true),
                    department = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    project_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    marked_done = table.Column<bool>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rectification_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rectification_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    marked_done = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_rectification_messages_rectifications_rectification_id",
                        column: x => x.rectification_id,
                        principalTable: "rectifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_finding_reviews_content_hash_code_field_occurrence",
                table: "finding_reviews",
                columns: new[] { "content_hash", "code", "field", "occurrence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_form_reviews_state_content_hash",
                table: "form_reviews",
                columns: new[] { "state", "content_hash" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_messages_rectification_id_id",
                table: "rectification_messages",
                columns: new[] { "rectification_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_rectifications_content_hash",
                table: "rectifications",
                column: "content_hash");

            migrationBuilder.CreateIndex(
                name: "IX_rectifications_department_id_status_deadline",
                table: "rectifications",
                columns: new[] { "department_id", "status", "deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_rectifications_status_deadline",
                table: "rectifications",
                columns: new[] { "status", "deadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "finding_reviews");

            migrationBuilder.DropTable(
                name: "form_reviews");

            migrationBuilder.DropTable(
                name: "rectification_messages");

            migrationBuilder.DropTable(
                name: "rectifications");
        }
    }
}
