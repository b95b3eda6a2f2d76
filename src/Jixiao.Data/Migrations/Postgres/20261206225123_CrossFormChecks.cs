using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrossFormChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "cross_checked",
                table: "import_batches",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "related_form_id",
                table: "findings",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "form_signatures",
                columns: table => new
                {
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    hash = table.Column<long>(type: "bigint", nullable: false),
                    form_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_signatures", x => new { x.kind, x.hash, x.form_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_findings_related_form_id",
                table: "findings",
                column: "related_form_id");

            migrationBuilder.CreateIndex(
                name: "IX_form_signatures_form_id",
                table: "form_signatures",
                column: "form_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_signatures");

            migrationBuilder.DropIndex(
                name: "IX_findings_related_form_id",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "cross_checked",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "related_form_id",
                table: "findings");
        }
    }
}
