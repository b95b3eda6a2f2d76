using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_findings_code_form_id",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "IX_findings_related_form_id",
                table: "findings");

            migrationBuilder.AddColumn<int>(
                name: "year",
                table: "findings",
                type: "INTEGER",
                nullable: true);

            // the findings stored before: their forms' years
            migrationBuilder.Sql("UPDATE findings SET year = (SELECT f.year FROM forms f WHERE f.id = findings.form_id);");

            migrationBuilder.CreateIndex(
                name: "IX_findings_code_year_form_id_position",
                table: "findings",
                columns: new[] { "code", "year", "form_id", "position" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_related_form_id",
                table: "findings",
                column: "related_form_id",
                filter: "related_form_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_findings_severity_year_form_id_position",
                table: "findings",
                columns: new[] { "severity", "year", "form_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_findings_code_year_form_id_position",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "IX_findings_related_form_id",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "IX_findings_severity_year_form_id_position",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "year",
                table: "findings");

            migrationBuilder.CreateIndex(
                name: "IX_findings_code_form_id",
                table: "findings",
                columns: new[] { "code", "form_id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_related_form_id",
                table: "findings",
                column: "related_form_id");
        }
    }
}
